/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "scenario-result.h"

#include <algorithm>
#include <cmath>
#include <numeric>

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

namespace
{

/**
 * \param verdict a verdict
 * \return how bad it is: a failure is worse than an undecided run
 */
int
Severity(Verdict verdict)
{
    return verdict == Verdict::FAILED ? 2 : verdict == Verdict::UNRESOLVED ? 1 : 0;
}

/**
 * \param result a pair's result
 * \param pair its number
 * \return its summary
 */
PairResult
Summarize(const ScenarioResult& result, uint32_t pair)
{
    PairResult summary;
    summary.pair = pair;
    summary.verdict = result.verdict;
    summary.intact = result.intact;
    summary.uplinkBytes = result.uplinkBytes;
    summary.downlinkBytes = result.downlinkBytes;
    summary.retransmissions = result.retransmissions;
    summary.rtoExpiries = result.rtoExpiries;
    summary.handovers = result.handovers.size();
    return summary;
}

/**
 * \brief Add a series to another, element by element (the shorter one padded with zeros).
 * \param into the sum
 * \param add the series added
 */
void
AddSeries(std::vector<double>& into, const std::vector<double>& add)
{
    into.resize(std::max(into.size(), add.size()), 0.0);
    std::transform(add.begin(), add.end(), into.begin(), into.begin(), std::plus<>());
}

/**
 * \param into a run's connections
 * \param add another pair's, added to them
 */
void
AddConnections(ConnectionStats& into, const ConnectionStats& add)
{
    into.attempted += add.attempted;
    into.opened += add.opened;
    into.completed += add.completed;
    into.stalled += add.stalled;
    into.failed += add.failed;
    into.prepared += add.prepared;
    into.spanning += add.spanning;
    into.kept += add.kept;
    for (auto [to, from] : {std::make_pair(&into.openedS, &add.openedS),
                            std::make_pair(&into.lifetimeS, &add.lifetimeS),
                            std::make_pair(&into.closeAckedS, &add.closeAckedS)})
    {
        to->insert(to->end(), from->begin(), from->end());
    }
}

/**
 * \brief Put a run's pooled delays in the order their chunks arrived.
 * \param run the run
 */
void
SortDelays(ScenarioResult& run)
{
    std::vector<size_t> order(run.delayTimeS.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&run](size_t a, size_t b) {
        return run.delayTimeS[a] < run.delayTimeS[b];
    });
    std::vector<double> times;
    std::vector<double> delays;
    for (size_t i : order)
    {
        times.push_back(run.delayTimeS[i]);
        delays.push_back(run.delayS[i]);
    }
    run.delayTimeS = std::move(times);
    run.delayS = std::move(delays);
}

/**
 * \brief Add one more pair's measurements to a run's.
 * \param run the run
 * \param result the pair's result
 * \param pair its number
 */
void
AddPair(ScenarioResult& run, const ScenarioResult& result, uint32_t pair)
{
    if (Severity(result.verdict) > Severity(run.verdict))
    {
        run.verdict = result.verdict;
    }
    run.intact = run.intact && result.intact;
    run.uplinkBytes += result.uplinkBytes;
    run.downlinkBytes += result.downlinkBytes;
    run.retransmissions += result.retransmissions;
    run.rtoExpiries += result.rtoExpiries;
    run.signallingLost += result.signallingLost;
    AddConnections(run.connections, result.connections);
    for (HandoverRecord h : result.handovers)
    {
        h.pair = pair;
        run.handovers.push_back(h);
    }
    if (result.goodputTimeS.size() > run.goodputTimeS.size())
    {
        run.goodputTimeS = result.goodputTimeS;
    }
    AddSeries(run.goodputUplinkMbps, result.goodputUplinkMbps);
    AddSeries(run.goodputDownlinkMbps, result.goodputDownlinkMbps);
    run.delayTimeS.insert(run.delayTimeS.end(), result.delayTimeS.begin(), result.delayTimeS.end());
    run.delayS.insert(run.delayS.end(), result.delayS.begin(), result.delayS.end());
    for (auto [into, from] : {std::make_pair(&run.signalling, &result.signalling),
                              std::make_pair(&run.signallingBySender, &result.signallingBySender)})
    {
        for (const auto& [key, stats] : *from)
        {
            (*into)[key].count += stats.count;
            (*into)[key].bytes += stats.bytes;
        }
    }
    for (NodeCrypto c : result.crypto)
    {
        c.pair = pair;
        run.crypto.push_back(c);
    }
    run.pairs.push_back(Summarize(result, pair));
}

} // namespace

ScenarioResult
ScenarioResult::Combine(const std::vector<ScenarioResult>& pairs)
{
    ScenarioResult run = pairs.at(0);
    run.pairs = {Summarize(run, 1)};
    for (uint32_t i = 1; i < pairs.size(); ++i)
    {
        AddPair(run, pairs[i], i + 1);
    }
    if (pairs.size() > 1)
    {
        SortDelays(run);
    }
    run.survived = run.verdict == Verdict::SURVIVED;
    return run;
}

} // namespace ns3
