/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "scenario-result.h"

#include <algorithm>
#include <cmath>

namespace ns3
{

const char*
HostName(Host host)
{
    return host == Host::MH ? "MH" : "CH";
}

Host
PeerOf(Host host)
{
    return host == Host::MH ? Host::CH : Host::MH;
}

std::ostream&
operator<<(std::ostream& os, Host host)
{
    return os << HostName(host);
}

const char*
GetOutcomeName(HandoverOutcome outcome)
{
    switch (outcome)
    {
    case HandoverOutcome::RESUMED:
        return "resumed";
    case HandoverOutcome::SUPERSEDED:
        return "superseded";
    case HandoverOutcome::UNRESOLVED:
        return "unresolved";
    case HandoverOutcome::LOST:
        return "lost";
    }
    return "unknown";
}

std::ostream&
operator<<(std::ostream& os, HandoverOutcome outcome)
{
    return os << GetOutcomeName(outcome);
}

void
ConnectionStats::CountSpanning(double startS, double leaseS, double endS)
{
    spanning = 0;
    kept = 0;
    for (size_t i = 0; i < openedS.size() && i < lifetimeS.size() && i < closeAckedS.size(); ++i)
    {
        const double closeS = openedS[i] + lifetimeS[i];
        if (openedS[i] < startS && closeS > leaseS && closeS < endS - CLOSE_GRACE_S)
        {
            ++spanning;
            kept += !std::isnan(closeAckedS[i]);
        }
    }
}

const char*
GetVerdictName(Verdict verdict)
{
    switch (verdict)
    {
    case Verdict::SURVIVED:
        return "survived";
    case Verdict::FAILED:
        return "failed";
    case Verdict::UNRESOLVED:
        return "unresolved";
    }
    return "unknown";
}

const NodeCrypto*
ScenarioResult::FindCrypto(Host host) const
{
    auto it = std::find_if(crypto.begin(), crypto.end(), [host](const NodeCrypto& c) {
        return c.host == host;
    });
    return it == crypto.end() ? nullptr : &*it;
}

void
ScenarioResult::DecideVerdict(bool applicationFailed, bool transferFinished)
{
    // The last handover of each host decides; earlier ones were superseded
    // or resumed.
    bool lost = false;
    bool unresolved = false;
    for (Host host : HOSTS)
    {
        const HandoverRecord* last = nullptr;
        for (const auto& h : handovers)
        {
            if (h.host == host && (!last || h.startS >= last->startS))
            {
                last = &h;
            }
        }
        if (last)
        {
            lost = lost || last->outcome == HandoverOutcome::LOST;
            unresolved = unresolved || last->outcome == HandoverOutcome::UNRESOLVED;
        }
    }
    if (applicationFailed || uplinkBytes + downlinkBytes == 0)
    {
        verdict = Verdict::FAILED;
    }
    else if (transferFinished)
    {
        verdict = Verdict::SURVIVED;
    }
    else if (lost)
    {
        verdict = Verdict::FAILED;
    }
    else
    {
        verdict = unresolved ? Verdict::UNRESOLVED : Verdict::SURVIVED;
    }
    survived = verdict == Verdict::SURVIVED;
}

std::ostream&
operator<<(std::ostream& os, Verdict verdict)
{
    return os << GetVerdictName(verdict);
}

} // namespace ns3
