/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCENARIO_PARAMETERS_H
#define SCENARIO_PARAMETERS_H

#include "scoped-attribute-defaults.h"

#include "ns3/command-line.h"

#include <charconv>
#include <cmath>
#include <initializer_list>
#include <limits>
#include <map>
#include <sstream>
#include <string>
#include <type_traits>

namespace ns3
{

/**
 * \ingroup mobisocket
 * \brief Text conversions and checks shared by the scenarios' parameter
 *        sets. A parameter set is a struct with a template
 *        Visit(visitor) that calls visitor(name, help, field) for each
 *        field, in one list; everything below works from that list.
 */
namespace scenario_parameters
{

/**
 * \brief Parse text into a parameter field.
 * \param text the text
 * \param field the field
 * \return true if the whole text is a valid value of the field's type
 */
template <class T>
bool
ParseInto(const std::string& text, T& field)
{
    if constexpr (std::is_same_v<T, std::string>)
    {
        field = text;
        return true;
    }
    else if constexpr (std::is_same_v<T, bool>)
    {
        if (text == "true" || text == "1")
        {
            field = true;
            return true;
        }
        if (text == "false" || text == "0")
        {
            field = false;
            return true;
        }
        return false;
    }
    else
    {
        std::istringstream is(text);
        T value;
        is >> value;
        if (!is || !is.eof() || (std::is_unsigned_v<T> && text.find('-') != std::string::npos))
        {
            return false;
        }
        field = value;
        return true;
    }
}

/**
 * \param value a field value
 * \return its text (floating point: the shortest text that reads back as the same value)
 */
template <class T>
std::string
ToText(const T& value)
{
    if constexpr (std::is_same_v<T, std::string>)
    {
        return value;
    }
    else if constexpr (std::is_same_v<T, bool>)
    {
        return value ? "true" : "false";
    }
    else if constexpr (std::is_floating_point_v<T>)
    {
        char text[64];
        auto [end, error] = std::to_chars(text, text + sizeof(text), value);
        return error == std::errc() ? std::string(text, end) : std::string("nan");
    }
    else
    {
        std::ostringstream os;
        os << value;
        return os.str();
    }
}

/**
 * \brief Set a parameter of a set from text.
 * \param p the parameter set
 * \param name the parameter name
 * \param value its value
 * \return "" on success, else a message naming the parameter
 */
template <class P>
std::string
Set(P& p, const std::string& name, const std::string& value)
{
    std::string error = "unknown parameter '" + name + "'";
    p.Visit([&](const char* n, const char*, auto& field) {
        if (name == n)
        {
            error = ParseInto(value, field)
                        ? ""
                        : "parameter '" + name + "': cannot read '" + value + "'";
        }
    });
    return error;
}

/**
 * \param p a parameter set
 * \return every parameter as name -> text
 */
template <class P>
std::map<std::string, std::string>
ToStrings(const P& p)
{
    std::map<std::string, std::string> out;
    p.Visit(
        [&out](const char* name, const char*, const auto& field) { out[name] = ToText(field); });
    return out;
}

/**
 * \brief Add every parameter of a set as a --flag (listed by --PrintHelp).
 * \param p the parameter set
 * \param cmd the command line
 */
template <class P>
void
AddToCommandLine(P& p, CommandLine& cmd)
{
    p.Visit([&cmd](const char* name, const char* help, auto& field) {
        cmd.AddValue(name, help, field);
    });
}

/**
 * \param value a value
 * \param allowed the allowed values
 * \return true if value is one of them
 */
bool OneOf(const std::string& value, std::initializer_list<const char*> allowed);

/**
 * \brief The message for a parameter that breaks a rule.
 * \param name the parameter
 * \param rule the rule it breaks
 * \param got its value, as text
 * \return "parameter 'name' rule (got value)"
 */
std::string Bad(const std::string& name, const std::string& rule, const std::string& got);

/// A numeric parameter and its allowed range.
struct Range
{
    const char* name; //!< parameter name
    double value;     //!< its value
    double min;       //!< lower bound
    double max;       //!< upper bound (inclusive)
    bool minOpen;     //!< the lower bound is excluded
};

/// Infinity, for unbounded ranges.
constexpr double INF = std::numeric_limits<double>::infinity();

/**
 * \param ranges numeric parameters and their ranges
 * \return "" if every value is in its range, else a message naming the first that is not
 */
std::string CheckRanges(std::initializer_list<Range> ranges);

/**
 * \brief Parse a comma-separated list of whole numbers such as "36,40,44",
 *        each within [min, max] (spaces around a number are allowed).
 * \param text the list ("" gives none)
 * \param min the smallest number allowed
 * \param max the largest number allowed
 * \param what what each number is, for the message (e.g. "a channel number")
 * \param[out] numbers the numbers, in order
 * \return "" on success, else what is wrong with text
 */
std::string ParseNumberList(const std::string& text,
                            long min,
                            long max,
                            const std::string& what,
                            std::vector<long>& numbers);

} // namespace scenario_parameters

/**
 * \ingroup mobisocket
 * \brief What every scenario's parameter set offers, from the one list of
 *        its fields (Derived::VisitFields(p, visit), which names each field
 *        and gives its help text): visiting, setting from text, listing as
 *        text, and --flags on a CommandLine.
 * \tparam Derived the parameter set (CRTP)
 */
template <class Derived>
class ParameterSet
{
  public:
    /**
     * \brief Visit every parameter with its name and help text.
     * \tparam V a callable taking (const char* name, const char* help, T& field)
     * \param visit the visitor
     */
    template <class V>
    void Visit(V&& visit)
    {
        Derived::VisitFields(Self(), visit);
    }

    /**
     * \brief Visit every parameter, read-only.
     * \tparam V a callable taking (const char* name, const char* help, const T& field)
     * \param visit the visitor
     */
    template <class V>
    void Visit(V&& visit) const
    {
        Derived::VisitFields(Self(), visit);
    }

    /**
     * \brief Set a parameter from text.
     * \param name the parameter name
     * \param value its value
     * \return "" on success, else a message naming the parameter
     */
    std::string Set(const std::string& name, const std::string& value)
    {
        return scenario_parameters::Set(Self(), name, value);
    }

    /// \return every parameter as name -> text
    std::map<std::string, std::string> ToStrings() const
    {
        return scenario_parameters::ToStrings(Self());
    }

    /**
     * \brief Add every parameter as a --flag (listed by --PrintHelp).
     * \param cmd the command line
     */
    void AddToCommandLine(CommandLine& cmd)
    {
        scenario_parameters::AddToCommandLine(Self(), cmd);
    }

  private:
    /// \return this, as the parameter set it is
    Derived& Self()
    {
        return static_cast<Derived&>(*this);
    }

    /// \return this, as the parameter set it is
    const Derived& Self() const
    {
        return static_cast<const Derived&>(*this);
    }
};

/**
 * \ingroup mobisocket
 * \brief The choice of mobility scheme and its settings, shared by the WiFi
 *        (HandoverScenario) and the wired (WiredScenario) scenarios.
 *        MobilityScheme::Create() turns them into one scheme object.
 */
struct SchemeParameters
{
    std::string protocol{"mobisocket"}; //!< tcp | mobisocket | tcp-r | redirect
    std::string signalling{"direct"};   //!< direct | proxy | inband | application (MobiSocket)
    bool resetTimer{true};              //!< call ResetTimer after the update
    std::string congestionPolicy{
        "ResetToInitial"};           //!< RestorePreOutage | ResetToInitial | Unchanged
    double prepareAfterS{60};        //!< redirect daemon: age that triggers the key agreement
    double daemonScanMs{1000};       //!< redirect daemon: period of its connection scan
    double sipT1Ms{500};             //!< RFC 3261 T1
    double sipT2Ms{4000};            //!< RFC 3261 T2
    double appSignallingDelayMs{40}; //!< application signalling: delay to the peer's update
    double minRtoMs{-1};     //!< TcpSocketBase MinRto (-1: ns-3's attribute, 1 s by default)
    double checkRatePerS{0}; //!< ChangeExchange CheckRate: checks per second (0: no limit)

    /**
     * \brief Visit the scheme's parameters with their names and help texts.
     * \param p the parameters (const or not)
     * \param visit a callable taking (const char* name, const char* help, field)
     */
    template <class P, class V>
    static void VisitFields(P& p, V& visit);

    /// \return "" if the values are valid, else a message naming the first bad parameter
    std::string Validate() const;

    /**
     * \brief Set, for one run, the ns-3 attribute defaults these parameters
     *        stand for (TcpSocketBase MinRto, ChangeExchange CheckRate).
     * \param defaults the run's defaults
     */
    void ApplyDefaults(ScopedAttributeDefaults& defaults) const;
};

template <class P, class V>
void
SchemeParameters::VisitFields(P& p, V& visit)
{
    visit("protocol", "Transport: tcp | mobisocket | tcp-r | redirect | migrate", p.protocol);
    visit("signalling",
          "MobiSocket signalling: direct | proxy (SIP INFO) | inband (AddChange) | application "
          "(an ideal channel after appSignallingDelayMs)",
          p.signalling);
    visit("resetTimer", "Call ResetTimer after the TCB update", p.resetTimer);
    visit("congestionPolicy",
          "On an address change: RestorePreOutage | ResetToInitial | Unchanged",
          p.congestionPolicy);
    visit("prepareAfterS",
          "Redirect daemon: connection age that triggers its key agreement (s)",
          p.prepareAfterS);
    visit("daemonScanMs", "Redirect daemon: period of its connection scan (ms)", p.daemonScanMs);
    visit("sipT1Ms", "SIP timer T1 (ms)", p.sipT1Ms);
    visit("sipT2Ms", "SIP timer T2 (ms)", p.sipT2Ms);
    visit("appSignallingDelayMs",
          "signalling=application: delay until the peer's application updates (ms)",
          p.appSignallingDelayMs);
    visit("checkRatePerS",
          "Authenticity checks per second each end spends on a connection's received change "
          "messages, against floods of forgeries (0: no limit)",
          p.checkRatePerS);
    visit("minRtoMs",
          "TCP minimum RTO: 1000 is ns-3's, 200 Linux's (-1: ns-3's attribute MinRto) (ms)",
          p.minRtoMs);
}

} // namespace ns3

#endif /* SCENARIO_PARAMETERS_H */
