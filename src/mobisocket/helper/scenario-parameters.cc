/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "scenario-parameters.h"

#include "ns3/double.h"
#include "ns3/nstime.h"

#include <sstream>
#include <stdexcept>
#include <vector>

namespace ns3
{
namespace scenario_parameters
{

bool
OneOf(const std::string& value, std::initializer_list<const char*> allowed)
{
    for (const char* a : allowed)
    {
        if (value == a)
        {
            return true;
        }
    }
    return false;
}

std::string
Bad(const std::string& name, const std::string& rule, const std::string& got)
{
    return "parameter '" + name + "' " + rule + " (got " + got + ")";
}

std::string
CheckRanges(std::initializer_list<Range> ranges)
{
    for (const Range& r : ranges)
    {
        bool below = r.minOpen ? !(r.value > r.min) : !(r.value >= r.min);
        if (below || !(r.value <= r.max) || std::isnan(r.value))
        {
            std::ostringstream rule;
            rule << "must be in " << (r.minOpen ? "(" : "[") << r.min << ", " << r.max << "]";
            return Bad(r.name, rule.str(), ToText(r.value));
        }
    }
    return "";
}

std::string
ParseNumberList(const std::string& text,
                long min,
                long max,
                const std::string& what,
                std::vector<long>& numbers)
{
    numbers.clear();
    std::istringstream in(text);
    std::string item;
    while (std::getline(in, item, ','))
    {
        std::size_t used = 0;
        long number = min - 1;
        try
        {
            number = std::stol(item, &used);
        }
        catch (const std::exception&)
        {
            used = 0;
        }
        if (used == 0 || item.find_first_not_of(" ", used) != std::string::npos || number < min ||
            number > max)
        {
            return "'" + item + "' is not " + what + " (" + std::to_string(min) + "-" +
                   std::to_string(max) + ")";
        }
        numbers.push_back(number);
    }
    if (!text.empty() && text.back() == ',')
    {
        return "empty number at the end";
    }
    return "";
}

} // namespace scenario_parameters

std::string
SchemeParameters::Validate() const
{
    using namespace scenario_parameters;
    if (!OneOf(protocol, {"tcp", "mobisocket", "tcp-r", "migrate", "redirect"}))
    {
        return Bad("protocol", "must be tcp, mobisocket, tcp-r, migrate or redirect", protocol);
    }
    if (!OneOf(signalling, {"direct", "proxy", "inband", "application"}))
    {
        return Bad("signalling", "must be direct, proxy, inband or application", signalling);
    }
    if (!OneOf(congestionPolicy, {"RestorePreOutage", "ResetToInitial", "Unchanged"}))
    {
        return Bad("congestionPolicy",
                   "must be RestorePreOutage, ResetToInitial or Unchanged",
                   congestionPolicy);
    }
    if (minRtoMs != -1 && !(minRtoMs > 0 && minRtoMs <= 60000))
    {
        return Bad("minRtoMs",
                   "must be in (0, 60000], or -1 for ns-3's attribute",
                   ToText(minRtoMs));
    }
    return CheckRanges({
        {"prepareAfterS", prepareAfterS, 0, 1e6, false},
        {"daemonScanMs", daemonScanMs, 0, 1e6, true},
        {"sipT1Ms", sipT1Ms, 0, 60000, true},
        {"sipT2Ms", sipT2Ms, sipT1Ms, 600000, false},
        {"appSignallingDelayMs", appSignallingDelayMs, 0, 1e6, false},
        {"checkRatePerS", checkRatePerS, 0, 1e6, false},
    });
}

void
SchemeParameters::ApplyDefaults(ScopedAttributeDefaults& defaults) const
{
    if (minRtoMs > 0)
    {
        defaults.Set("ns3::TcpSocketBase::MinRto", TimeValue(MilliSeconds(minRtoMs)));
    }
    if (checkRatePerS > 0)
    {
        defaults.Set("ns3::ChangeExchange::CheckRate", DoubleValue(checkRatePerS));
    }
}

} // namespace ns3
