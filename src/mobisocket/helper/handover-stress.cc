/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "handover-stress.h"

#include "mobility-scheme.h"

#include "ns3/abort.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

namespace ns3
{

namespace
{

// ---------------------------------------------------------------------------------------------
// The timing model's constants (m, s)

/// The farthest a station receives its AP's beacons (measured, see the class description).
constexpr double REACH_M = 50.4;
/// Uncertainty of REACH_M either way (the NIST error model's transition, the rate).
constexpr double REACH_SLACK_M = 1.0;
/// From here on the old link may lose data frames (higher rates fade first).
constexpr double DEGRADE_M = 40;
/// roaming=signal: the trigger fires between these distances (15 dB threshold, 3 beacons).
constexpr double TRIGGER_MIN_M = 41;
/// See TRIGGER_MIN_M.
constexpr double TRIGGER_MAX_M = 44.5;
/// A station associates with its new AP once this far inside its reach, at the latest.
constexpr double JOIN_INSIDE_M = 4;
/// The default RTO before an outage, at most (ns-3's 1 s MinRto, RTT variance of a loaded WiFi).
constexpr double RTO_MAX_S = 3;
/// SignallingTcpSocket ChangeRetries (default).
constexpr uint32_t CHANGE_RETRIES = 6;
/// RelocatableTcpSocket MobilityTimeout (default, s).
constexpr double MOBILITY_TIMEOUT_S = 240;

/// A SplitMix64 stream: the same numbers on every platform.
class Stream
{
  public:
    /// \param seed the stream's seed
    explicit Stream(uint64_t seed)
        : m_state(seed)
    {
    }

    /// \return the next 64 random bits
    uint64_t Next()
    {
        uint64_t z = (m_state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }

    /// \return uniform in [0, 1)
    double Unit()
    {
        return double(Next() >> 11) * (1.0 / 9007199254740992.0);
    }

    /// \return uniform in [a, b)
    double Uniform(double a, double b)
    {
        return a + (b - a) * Unit();
    }

    /// \return uniform in {a, ..., b}
    uint32_t Integer(uint32_t a, uint32_t b)
    {
        return a + uint32_t(Next() % (uint64_t(b) - a + 1));
    }

    /// \return true with probability probability
    bool Chance(double probability)
    {
        return Unit() < probability;
    }

    /// \return one of the values
    template <class T>
    T Pick(std::initializer_list<T> values)
    {
        return *(values.begin() + Next() % values.size());
    }

    /// \return an index chosen with the given weights
    size_t Weighted(std::initializer_list<double> weights)
    {
        double total = 0;
        for (double w : weights)
        {
            total += w;
        }
        double x = Unit() * total;
        size_t i = 0;
        for (double w : weights)
        {
            if (x < w)
            {
                return i;
            }
            x -= w;
            ++i;
        }
        return weights.size() - 1;
    }

  private:
    uint64_t m_state; //!< SplitMix64 state
};

/// \return value rounded to a step (values that read well on a command line)
double
Round(double value, double step)
{
    // Divide by the step's inverse when it is whole: 2774 / 100 is the double
    // nearest 27.74, 2774 * 0.01 is not.
    double inverse = std::round(1 / step);
    if (step < 1 && std::fabs(inverse * step - 1) < 1e-12)
    {
        return std::round(value * inverse) / inverse;
    }
    return std::round(value / step) * step;
}

/// \return the beacon interval (s)
double
Beacon(const HandoverStress::Parameters& p)
{
    return p.beaconIntervalUs * 1e-6;
}

/// \return whether any link of the run loses or delays packets at random
bool
Lossy(const HandoverStress::Parameters& p)
{
    return p.wiredLossRate > 0 || p.proxyLossRate > 0;
}

/// \return what the scheme's signalling is like (the one place the scheme is chosen)
MobilityScheme::SignallingTraits
Traits(const HandoverStress::Parameters& p)
{
    return MobilityScheme::Create(p)->GetSignallingTraits();
}

/// \return whether the scheme runs SIP
bool
Sip(const HandoverStress::Parameters& p)
{
    return Traits(p).sipSession;
}

/// \return the smallest RTO the connection can have (s)
double
MinRto(const HandoverStress::Parameters& p)
{
    return p.minRtoMs > 0 ? p.minRtoMs / 1000 : 1.0;
}

/// \return the DHCP client's wait for offers after its DISCOVER (s)
double
Collect(const HandoverStress::Parameters& p)
{
    if (p.dhcpCollectMs >= 0)
    {
        return p.dhcpCollectMs / 1000;
    }
    return p.addressPreset == "rfc" ? 0.5 : p.addressPreset == "ns3" ? 5.0 : 0.0;
}

/**
 * \return when the session's data may start, earliest and latest: both
 *         hosts' first leases (the preset's offer wait after the first
 *         association, next to the AP), then the SIP session (REGISTERs,
 *         INVITE transaction, with two retransmissions each under random
 *         loss) if any, and appStartS
 */
std::pair<double, double>
DataStart(const HandoverStress::Parameters& p)
{
    double leaseMin = Collect(p);
    double leaseMax = Collect(p) + 0.4;
    double readyMin = leaseMin;
    double readyMax = leaseMax;
    if (Sip(p))
    {
        readyMin += 0.02;
        readyMax += 0.5 + (Lossy(p) ? 2 * 7 * p.sipT1Ms / 1000 : 0);
    }
    return {std::max(p.appStartS, readyMin), std::max(p.appStartS, readyMax)};
}

/**
 * \return the latest time the session's data connection is open: the data
 *         start, then the TCP handshake (with random loss, two lost SYNs:
 *         TCP's 3 s ConnTimeout, doubling)
 */
double
OpenMax(const HandoverStress::Parameters& p)
{
    return DataStart(p).second + 0.2 + (p.wiredLossRate > 0 ? 9.5 : 0);
}

/// \return the time the update exchange may take at most, from the new lease (s)
double
ExchangeMax(const HandoverStress::Parameters& p)
{
    MobilityScheme::SignallingTraits traits = Traits(p);
    if (traits.fixedUpdateDelayS >= 0)
    {
        return traits.fixedUpdateDelayS + 0.1;
    }
    if (traits.sipSession)
    {
        // The INFO (and for proxy the REGISTER first) on T1's schedule:
        // two retransmissions of each when packets may be lost.
        return 1.0 + (Lossy(p) ? 2 * 7 * p.sipT1Ms / 1000 : 0) + p.wiredJitterMs / 250;
    }
    // AddChange, RedirectRequest: RTO-based (daemon: 1 s) retransmissions.
    return 1.0 + (p.wiredLossRate > 0 ? 7 * std::max(1.0, MinRto(p)) : 0);
}

/// \return the delay of the data resuming after the exchange, given the first loss (s)
double
ResumeMax(const HandoverStress::Parameters& p, double confirmedMax, double firstDegrade)
{
    double lossSlack = p.wiredLossRate > 0 ? 7 : 0;
    if (p.resetTimer && Traits(p).keepsConnections)
    {
        return 1.0 + lossSlack;
    }
    // The backed-off timer, armed at the last progress (no earlier than the
    // first degradation, minus an RTO), expires again at most twice as far
    // from it as the confirmation is, plus the first RTO.
    return (confirmedMax - firstDegrade + RTO_MAX_S) + RTO_MAX_S + lossSlack;
}

/// \return the DHCP wait after association: least and most (two lost exchanges) (s)
std::pair<double, double>
DhcpBounds(const HandoverStress::Parameters& p)
{
    double collect = Collect(p);
    double retries = p.addressPreset == "rfc"   ? 5.0 + 9.0  // 4 +-1 s, then 8 +-1 s
                     : p.addressPreset == "ns3" ? 25.0       // RTRS 5 s, ReRequest 10 s, twice
                                                : 2.2 + 4.4; // 2 s, 4 s, +-10 %
    double least = p.dnav4 ? 0.0 : collect;
    return {least, collect + retries + 0.1};
}

/// \return the scan's least and most duration (s)
std::pair<double, double>
ScanBounds(const HandoverStress::Parameters& p)
{
    if (p.roaming == "signal")
    {
        size_t channels = std::count(p.apChannels.begin(), p.apChannels.end(), ',') + 1;
        double dwellMin =
            p.activeProbing ? (p.minChannelTimeMs > 0 ? p.minChannelTimeMs : p.probeTimeoutMs)
                            : (p.maxChannelTimeMs > 0 ? p.maxChannelTimeMs : p.waitBeaconTimeoutMs);
        double dwellMax = p.maxChannelTimeMs > 0 ? p.maxChannelTimeMs
                          : p.activeProbing      ? p.probeTimeoutMs
                                                 : p.waitBeaconTimeoutMs;
        return {channels * dwellMin / 1000, channels * (dwellMax / 1000 + 0.001)};
    }
    double dwell = (p.activeProbing ? p.probeTimeoutMs : p.waitBeaconTimeoutMs) / 1000;
    return {dwell, dwell + 0.001};
}

/// \return the time the walks of a host start (s)
double
WalkStart(const HandoverStress::Parameters& p, Host host)
{
    double skew = p.chMoves ? p.chMoveSkewMs / 1000 : 0;
    return p.moveStartS + (host == Host::MH ? std::max(0.0, -skew) : std::max(0.0, skew));
}

/// \return the time given up updates take at most to be abandoned, after the new lease (s)
double
GiveUpMax(const HandoverStress::Parameters& p)
{
    MobilityScheme::SignallingTraits traits = Traits(p);
    if (traits.sipSession)
    {
        return 64 * p.sipT1Ms / 1000 + 1; // Timer F of the INFO, then NOT_CONFIRMED
    }
    if (traits.controlRtoS > 0)
    {
        // The scheme's own timer (the daemon's), doubling until it gives up.
        double sum = 0;
        for (uint32_t n = 0; n <= traits.controlRetransmissions; ++n)
        {
            sum += traits.controlRtoS * double(1u << n);
        }
        return sum + 1;
    }
    double sum = 0; // ControlRetransmitTimeout: the unbacked RTO doubling, at most 60 s
    for (uint32_t n = 0; n <= CHANGE_RETRIES; ++n)
    {
        sum += std::min(RTO_MAX_S * double(1u << n), 60.0);
    }
    return std::min(sum, MOBILITY_TIMEOUT_S) + 1;
}

/// \return a prediction that is not decidable, saying why
StressPrediction
Undecidable(const std::string& why)
{
    StressPrediction r;
    r.decidable = false;
    r.rule = "undecidable";
    r.reason = why;
    return r;
}

/// \return a decided prediction
StressPrediction
Decided(Verdict verdict, const std::string& rule, const std::string& reason, bool opened = true)
{
    StressPrediction r;
    r.verdict = verdict;
    r.rule = rule;
    r.reason = reason;
    r.opened = opened;
    return r;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Timing model

std::vector<HandoverStress::Window>
HandoverStress::EstimateHandovers(const Parameters& p)
{
    std::vector<Window> windows;
    const uint32_t columns = p.apColumns == 0 ? p.apCount : p.apColumns;
    const double end = (columns - 1) * p.apSpacingM;
    const double B = Beacon(p);
    const auto [scanMin, scanMax] = ScanBounds(p);
    const auto [dhcpMin, dhcpMax] = DhcpBounds(p);
    for (Host host : HOSTS)
    {
        if ((host == Host::MH && !p.mhMoves) || (host == Host::CH && !p.chMoves) ||
            p.interfaceHandover != "none")
        {
            continue;
        }
        const double start = WalkStart(p, host);
        const double forward = end - p.startXm;
        // Time at position x, on the way out (back false) or back (true).
        auto at = [&](double x, bool back) {
            double s = back ? forward + (end - x) : x - p.startXm;
            return start + std::max(0.0, s) / p.speedMps;
        };
        for (int leg = 0; leg < (p.walkBack ? 2 : 1); ++leg)
        {
            const bool back = leg == 1;
            for (uint32_t k = 0; k + 1 < columns; ++k)
            {
                // Leaving AP `from` for AP `to`; dir: the direction of the walk.
                uint32_t from = back ? columns - 1 - k : k;
                uint32_t to = back ? from - 1 : from + 1;
                double xFrom = from * p.apSpacingM;
                double xTo = to * p.apSpacingM;
                double dir = back ? -1 : 1;
                Window w;
                w.host = host;
                w.degradeS = at(xFrom + dir * DEGRADE_M, back);
                if (p.roaming == "signal")
                {
                    w.deassocMinS = at(xFrom + dir * TRIGGER_MIN_M, back) - B;
                    w.deassocMaxS = at(xFrom + dir * TRIGGER_MAX_M, back) + B;
                    w.lastBeaconS = w.deassocMaxS;
                }
                else
                {
                    double firstLast = at(xFrom + dir * (REACH_M - REACH_SLACK_M), back);
                    w.lastBeaconS = at(xFrom + dir * (REACH_M + REACH_SLACK_M), back);
                    w.deassocMinS = firstLast + p.maxMissedBeacons * B - 0.01;
                    w.deassocMaxS = w.lastBeaconS + (p.maxMissedBeacons + 1) * B + 0.01;
                }
                w.reachS = at(xTo - dir * (REACH_M + REACH_SLACK_M), back);
                double joinLate = at(xTo - dir * (REACH_M - JOIN_INSIDE_M), back);
                double associatedMin = std::max(w.deassocMinS + scanMin, w.reachS);
                double associatedMax = std::max(w.deassocMaxS, joinLate) + 2 * scanMax +
                                       p.assocTimeoutMs / 1000 + 0.05;
                w.associatedMaxS = associatedMax;
                w.leaseMinS = associatedMin + dhcpMin;
                w.leaseMaxS = associatedMax + dhcpMax;
                windows.push_back(w);
            }
        }
    }
    return windows;
}

// ---------------------------------------------------------------------------------------------
// The prediction rules

namespace
{
/// How both ends moving at once end when a rendezvous relays the updates.
struct BothAtOnceRule
{
    MobilityScheme::Rendezvous rendezvous; //!< the scheme's rendezvous
    const char* name;                      //!< the rule's name (in verdicts)
    const char* tooEarly;                  //!< why a run too short cannot be decided
    const char* why;                       //!< why it survives
};

/// One row per rendezvous; a scheme without one fails ("both-no-rendezvous").
const BothAtOnceRule BOTH_AT_ONCE[] = {
    // Through the proxy each end re-registers and its INFO is routed to the
    // other's fresh registration (the paper's answer to simultaneous moves).
    {MobilityScheme::Rendezvous::REGISTRAR,
     "both-rendezvous",
     "both at once via the proxy: the run may end too early",
     "each INFO finds the other's fresh registration at the proxy"},
    // signalling=application is an ideal channel between the applications
    // that needs no address.
    {MobilityScheme::Rendezvous::IDEAL,
     "both-ideal",
     "both at once, ideal channel: the run may end too early",
     "the applications' ideal channel reaches the peer wherever it is"},
    // TCP Migrate's hosts publish each lease in the DNS; a Migrate SYN
    // unanswered for one unbacked RTO makes its host look the peer up (at
    // the proxy) and send it to the address found.
    {MobilityScheme::Rendezvous::DNS,
     "both-dns",
     "both at once via the DNS: the run may end too early",
     "each end looks the other up in the DNS after its first Migrate SYN goes unanswered, "
     "and finds its fresh address"},
};

/**
 * \param rendezvous a scheme's rendezvous
 * \param p the run
 * \return the longest time the rendezvous adds before the update reaches
 *         the peer (s): the DNS's wait for an answer, one RTO, and its
 *         lookup (with loss, two lost queries: the client's 1 s and 2 s
 *         timeouts); 0 for the others
 */
double
RendezvousDelayMax(MobilityScheme::Rendezvous rendezvous, const HandoverStress::Parameters& p)
{
    if (rendezvous != MobilityScheme::Rendezvous::DNS)
    {
        return 0;
    }
    return RTO_MAX_S + p.proxyRttMs / 1000 + (Lossy(p) ? 3 : 0);
}

/**
 * \brief The design's rules, one by one (see HandoverStress::Predict).
 * \param p the parameters
 * \return the prediction
 */
StressPrediction
PredictByRules(const HandoverStress::Parameters& p)
{
    using Window = HandoverStress::Window;
    if (p.mobility != "walk")
    {
        // The waypoints are drawn inside the run (RngRun): how many handovers,
        // and whether the last one is over at the end, is not in the parameters.
        return Undecidable("random-waypoint: the handovers depend on waypoints drawn in the run");
    }
    if (p.crossTraffic == "tcp")
    {
        return Undecidable("TCP cross traffic: the DHCP exchange on a saturated AP is unbounded");
    }
    const double B = Beacon(p);
    const double openMax = OpenMax(p);

    // Rule "interface": CopyTcb moves the connection to the second access and
    // announces the new address and port in band; the peer has not moved, so
    // the AddChange reaches it (the only change at a time, Validate() insists).
    if (p.interfaceHandover != "none")
    {
        if (p.secondAccess != "link")
        {
            return Undecidable("LTE attach time is outside the timing model");
        }
        // The MH leaves WiFi for good: see the ns3 preset's defect below.
        double wifiLost =
            p.switchAtS + (p.interfaceHandover == "make-before-break" ? p.overlapMs / 1000 : 0);
        if (p.addressPreset == "ns3" && wifiLost < 5.0 + 0.3)
        {
            return Undecidable("ns3 preset, disassociated at 5 s: ns-3's DhcpClient aborts");
        }
        if (p.switchAtS < openMax + 0.5)
        {
            return Undecidable("the switch may come before the connection is open");
        }
        double up = p.interfaceHandover == "break-before-make"
                        ? (p.maxMissedBeacons + 2) * B + p.secondUpMs / 1000
                        : 0;
        double confirmed = p.switchAtS + up + ExchangeMax(p) + p.secondDelayMs / 500;
        if (p.simTimeS < confirmed + ResumeMax(p, confirmed, p.switchAtS) + 0.5)
        {
            return Undecidable("the run may end before the moved connection resumes");
        }
        return Decided(Verdict::SURVIVED,
                       "interface",
                       "CopyTcb moves the connection and announces it in band to a peer that "
                       "stayed put");
    }

    // Rule "still": no host moves, so no scheme has anything to do (the
    // paper's "no overhead if handover does not take place").
    if (!p.mhMoves && !p.chMoves)
    {
        if (p.traffic == "browsing")
        {
            if (p.wiredLossRate > 0 || p.wiredJitterMs > 0)
            {
                return Undecidable("browsing with loss: repeated losses may outlast a lifetime");
            }
            // Every connection must have started and opened well before the
            // end: the openings' sum of exponential gaps is under 4 times its
            // mean but for a probability below 2e-5 (5 or more connections).
            if (p.connections < 5 ||
                p.simTimeS < p.appStartS + 4 * p.connections * p.meanInterArrivalS + 5)
            {
                return Undecidable("browsing: the run may end while a connection opens");
            }
        }
        if (p.traffic != "browsing" && p.simTimeS < openMax + 1)
        {
            return Undecidable("nothing moves, but the connection may open only at the end");
        }
        return Decided(Verdict::SURVIVED, "still", "no host moves: nothing to survive");
    }
    if (p.traffic == "browsing")
    {
        return Undecidable(
            "browsing across a move: its connections' openings are drawn in the run");
    }

    const std::vector<Window> windows = HandoverStress::EstimateHandovers(p);
    NS_ABORT_MSG_IF(windows.empty(), "a walk without a handover");
    // Not a verdict, a defect of ns-3's DhcpClient (ns-3.37; 3.48 has the
    // same timers): its first DISCOVER's retry (RTRS, 5 s after the start)
    // is never cancelled, because the link-up Boot() overwrites its handle;
    // if it fires while the station is disassociated (the link-down handler
    // removed the address), the DISCOVER reaches Ipv4Interface::GetAddress(0)
    // on an interface without an address and ns-3 aborts. Not drawn.
    if (p.addressPreset == "ns3")
    {
        for (const Window& w : windows)
        {
            if (w.deassocMinS - 0.3 < 5.0 && 5.0 < w.associatedMaxS + 0.3)
            {
                return Undecidable("ns3 preset, disassociated at 5 s: ns-3's DhcpClient aborts");
            }
        }
    }
    const Window* first = &windows.front();
    for (const Window& w : windows)
    {
        if (w.degradeS < first->degradeS)
        {
            first = &w;
        }
    }

    // Rule "in-flight": the data starts after the MH's last beacon from AP1
    // and before it notices the loss, so its SYN is sent over a dead link;
    // mobility is negotiated in the handshake, which never completes from
    // the old address: no connection opens, nothing is delivered (FAILED).
    const Window& mhFirst = windows.front();
    const auto [synMin, synMax] = DataStart(p);
    if (mhFirst.host == Host::MH && p.roaming == "beacon-loss" && !p.chMoves &&
        synMin >= mhFirst.lastBeaconS + 0.15 && synMax + 0.15 <= mhFirst.deassocMinS)
    {
        return Decided(Verdict::FAILED,
                       "in-flight",
                       "the handshake is under way over a dead link when the MH moves: a "
                       "connection is mobile only once its handshake completed",
                       false);
    }
    if (openMax > first->degradeS - 0.3)
    {
        return Undecidable("the data connection may still be opening when a link degrades");
    }

    // Rule "finished": a bounded transfer that completes before the first
    // link degrades has nothing left to resume (SURVIVED whatever the scheme).
    bool finishedFirst = false;
    if (p.traffic == "bulk" && p.bulkBytes > 0)
    {
        // At 2 Mb/s at least (the WiFi path carries 20-50), after slow start.
        double finish = openMax + 2 + p.bulkBytes * 8 / 2e6 + (p.wiredLossRate > 0 ? 7 : 0);
        finishedFirst = finish < first->degradeS;
        if (finishedFirst)
        {
            return Decided(Verdict::SURVIVED,
                           "finished",
                           "the bounded transfer completes before the move");
        }
    }

    // Rule "gap": the run ends while a host is out of every AP's reach
    // (after its loss was detected, before it can reach the next AP): its
    // last handover has no new address, the scheme never had its chance:
    // UNRESOLVED, plain TCP included.
    for (const Window& w : windows)
    {
        if (p.simTimeS > w.deassocMaxS + 0.2 && p.simTimeS < w.reachS - 0.2 && !p.chMoves &&
            !p.stopEarly)
        {
            return Decided(Verdict::UNRESOLVED,
                           "gap",
                           "the run ends while the MH is out of reach of every AP");
        }
    }

    // The last handover of each host, and the least time a decision needs.
    double lastLeaseMax = 0;
    for (const Window& w : windows)
    {
        lastLeaseMax = std::max(lastLeaseMax, w.leaseMaxS);
    }
    for (const Window& w : windows)
    {
        if (p.simTimeS < w.deassocMaxS + 0.2 && p.simTimeS > w.degradeS - 0.2)
        {
            return Undecidable("the run ends during a handover's detection");
        }
    }
    const double confirmedMax = lastLeaseMax + ExchangeMax(p);
    const double survivedBy = confirmedMax + ResumeMax(p, confirmedMax, first->degradeS) + 0.5;

    // The redirect daemon ("redirect-young") redirects only prepared
    // connections: prepared at the first scan at least prepareAfterS after
    // establishment, by a key agreement over the daemons' UDP channel. A
    // connection not prepared when its address goes is plain TCP's, and its
    // fate is plain TCP's below (lost; back home, "redirect-young-return").
    MobilityScheme::SignallingTraits traits = Traits(p);
    bool plain = !traits.keepsConnections;
    std::string plainRule = "tcp";
    std::string plainWhy = "plain TCP:";
    if (traits.preparedOnly)
    {
        double preparedBy = openMax + p.prepareAfterS + p.daemonScanMs / 1000 + 0.3 +
                            (p.wiredLossRate > 0 ? 3 * traits.controlRtoS : 0);
        bool prepared = preparedBy < first->degradeS - 0.2;
        bool young = p.appStartS + p.prepareAfterS > first->deassocMaxS + 0.2;
        if (!prepared && !young)
        {
            return Undecidable("the daemon may be preparing the connection as the link fails");
        }
        plain = young;
        plainRule = "redirect-young";
        plainWhy = "the daemon never prepared the connection (younger than its threshold at the "
                   "move), so it is plain TCP's:";
    }

    // Plain TCP ("tcp"): its connection keeps the old address; after the new
    // lease its segments still leave from it but every answer goes to the
    // old subnet: LOST, FAILED -- unless the walk comes back ("tcp-return"):
    // back on AP1's subnet ns-3's DhcpServer offers the address it leased
    // before (the client never released it), the connection never changed
    // address, and its next backed-off retransmission resumes it, if that
    // comes before the connection's own abort (DataRetries 6: 127 RTOs).
    if (plain)
    {
        if (p.walkBack && !p.chMoves)
        {
            // ns-3's TcpSocketBase::SendEmptyPacket recomputes the RTO from
            // the RTT estimate for every pure ACK it sends, dropping the
            // backoff: with data both ways the MH's stray retransmissions
            // (from its old address, via the new AP) make the CH acknowledge
            // them, so the CH's retransmissions never back off beyond about
            // 2 s and it aborts after 6 of them (draw 291: at 26 s, 16 s into
            // the away time). Uplink only, the CH has nothing to retransmit;
            // downlink only, nothing reaches the CH while the MH is away.
            if (p.direction == "both")
            {
                return Undecidable("plain TCP away, data both ways: ns-3 resets the peer's "
                                   "backoff on every pure ACK, so its abort time is not known");
            }
            double away = lastLeaseMax - first->degradeS;
            double resume = lastLeaseMax + away + 2 * RTO_MAX_S + 1;
            if (2 * away + 2 * RTO_MAX_S > 127 * MinRto(p) - 5)
            {
                return Undecidable("plain TCP may abort before it is back on its subnet");
            }
            if (p.simTimeS < resume)
            {
                return Undecidable("plain TCP back home: the run may end before its next RTO");
            }
            return Decided(Verdict::SURVIVED,
                           plainRule + "-return",
                           plainWhy + " it gets its old address back on AP1's subnet and "
                                      "resumes at its next retransmission");
        }
        if (p.simTimeS < lastLeaseMax + 0.5)
        {
            return Undecidable("plain TCP: the run may end before the new lease");
        }
        return Decided(Verdict::FAILED,
                       plainRule,
                       plainWhy +
                           " it cannot follow its address: nothing comes back to the old one");
    }

    if (p.chMoves)
    {
        // Both ends move (one handover each: the generator's both class).
        const Window& mh = windows.front();
        const Window& ch = windows.back();
        NS_ABORT_MSG_IF(windows.size() != 2 || mh.host != Host::MH || ch.host != Host::CH,
                        "both ends moving: one handover each expected");
        const Window& a = mh.degradeS <= ch.degradeS ? mh : ch; // the first to move
        const Window& b = &a == &mh ? ch : mh;
        // "At once": the later host's old link is dead (after its last
        // beacon, or its signal trigger) before the first host can send its
        // update from its new address; so each update goes to an address
        // the other has left.
        bool atOnce = b.lastBeaconS + 0.05 < a.leaseMinS;
        // "One after the other": the first host's change is confirmed
        // before the second host's link may degrade.
        bool oneAfterOther = a.leaseMaxS + ExchangeMax(p) + 0.3 < b.degradeS;
        if (oneAfterOther)
        {
            if (p.simTimeS < survivedBy)
            {
                return Undecidable("both, one after the other: the run may end too early");
            }
            return Decided(Verdict::SURVIVED,
                           "both-sequential",
                           "the first change completes before the second host moves, so each "
                           "update reaches the other's current address");
        }
        if (!atOnce)
        {
            return Undecidable("both ends move with a skew too close to call");
        }
        // Rules "both-rendezvous", "both-ideal", "both-dns": a rendezvous
        // relays each update to the other's fresh address (BOTH_AT_ONCE).
        MobilityScheme::Rendezvous rendezvous = Traits(p).rendezvous;
        for (const BothAtOnceRule& rule : BOTH_AT_ONCE)
        {
            if (rule.rendezvous != rendezvous)
            {
                continue;
            }
            if (p.simTimeS < survivedBy + RendezvousDelayMax(rendezvous, p))
            {
                return Undecidable(rule.tooEarly);
            }
            return Decided(Verdict::SURVIVED, rule.name, rule.why);
        }
        // Rule "both-no-rendezvous": SIP direct, in-band AddChange, TCP-R and
        // the prepared daemon send each update to the other's stale address,
        // retransmit it there until they give up (Timer F; ChangeRetries on
        // the doubling RTO; the daemon's 6 doubling retransmissions): FAILED.
        const double failedBy = lastLeaseMax + GiveUpMax(p);
        if (p.simTimeS < failedBy)
        {
            return Undecidable("both at once without rendezvous: the run may end before give-up");
        }
        return Decided(Verdict::FAILED,
                       "both-no-rendezvous",
                       "both move at once and no rendezvous relays the updates: each goes to "
                       "the other's stale address until the scheme gives up");
    }

    // Rule "moves": one host moves; every mobile scheme (MobiSocket in each
    // signalling mode, TCP-R, the prepared daemon) updates the peer, which
    // has not moved, from the new address: SURVIVED once the data resumed.
    if (p.simTimeS < survivedBy)
    {
        return Undecidable("the run may end before the data resumes");
    }
    return Decided(Verdict::SURVIVED,
                   "moves",
                   "one end moves and tells the other, which stayed where it was");
}

} // namespace

StressPrediction
HandoverStress::Predict(const Parameters& p)
{
    // Not a verdict of the design: ns-3's TcpSocketBase (3.37 and 3.48,
    // ProcessEstablished) ignores a SYN+ACK received in ESTABLISHED ("probably
    // a duplicated packet") instead of acknowledging it again. If the last
    // ACK of the handshake is lost on a lossy wired path and the MH never
    // sends data (direction=downlink), the CH stays in SYN_RCVD,
    // retransmitting its SYN+ACK unanswered, and no byte ever flows. Such
    // sets are not drawn (see the module documentation).
    if (p.wiredLossRate > 0 && p.direction == "downlink" && p.traffic != "browsing")
    {
        return Undecidable("downlink over a lossy path: ns-3 ignores a retransmitted SYN+ACK");
    }
    StressPrediction prediction = PredictByRules(p);
    // A bounded transfer that may have finished before the move survives
    // whatever the scheme (rule "finished"); unless it surely did not, no
    // other verdict can be predicted.
    if (prediction.decidable && prediction.verdict != Verdict::SURVIVED && prediction.opened &&
        p.traffic == "bulk" && p.bulkBytes > 0)
    {
        return Undecidable("a bounded transfer may or may not finish before the move");
    }
    return prediction;
}

// ---------------------------------------------------------------------------------------------
// Drawing

HandoverStress::HandoverStress(uint64_t seed)
    : m_seed(seed)
{
}

HandoverStress::Parameters
HandoverStress::DrawCandidate(uint64_t index, uint32_t attempt) const
{
    // One stream per (seed, index, attempt), independent of every other draw.
    Stream mix(m_seed * 0x9e3779b97f4a7c15ULL ^ (index + 1) * 0xd1b54a32d192ed03ULL ^
               (uint64_t(attempt) << 48));
    Stream r(mix.Next());
    Parameters p;
    p.rngRun = 1 + uint32_t(r.Next() % 999999);

    enum Class
    {
        WALK,
        BOTH,
        IN_FLIGHT,
        GAP,
        STILL,
        INTERFACE
    };

    const Class kind = Class(r.Weighted({0.56, 0.2, 0.06, 0.06, 0.07, 0.05}));

    // The scheme.
    static const char* const schemes[][2] = {{"tcp", "direct"},
                                             {"mobisocket", "inband"},
                                             {"mobisocket", "direct"},
                                             {"mobisocket", "proxy"},
                                             {"mobisocket", "application"},
                                             {"tcp-r", "direct"},
                                             {"redirect", "direct"},
                                             {"migrate", "direct"}};
    size_t scheme = r.Integer(0, 7);
    p.protocol = schemes[scheme][0];
    p.signalling = schemes[scheme][1];
    p.resetTimer = r.Chance(0.6);
    p.congestionPolicy = r.Pick({"RestorePreOutage", "ResetToInitial", "Unchanged"});
    p.minRtoMs = r.Chance(0.3) ? 200 : -1;
    p.sipT1Ms = r.Pick({100.0, 250.0, 500.0});
    p.sipT2Ms = 4000;
    p.appSignallingDelayMs = Round(r.Uniform(5, 200), 1);
    p.prepareAfterS = r.Pick({0.0, 0.5, 60.0});
    p.daemonScanMs = r.Pick({250.0, 500.0, 1000.0});

    // Traffic.
    p.traffic = r.Chance(0.35) ? "bulk" : "stream";
    p.direction = r.Pick({"uplink", "downlink", "both"});
    p.streamRateKbps = r.Pick({64.0, 256.0, 1000.0});
    if (p.traffic == "bulk" && r.Chance(0.2))
    {
        p.bulkBytes = uint64_t(r.Integer(5, 20)) * 10000;
    }

    // Paths.
    p.wiredDelayMs = Round(r.Uniform(1, 40), 0.5);
    p.accessDelayMs = Round(r.Uniform(0.5, 5), 0.5);
    p.proxyRttMs = Round(r.Uniform(2, 40), 1);
    if (r.Chance(0.2))
    {
        p.wiredLossRate = Round(r.Uniform(0.001, 0.005), 0.0005);
    }
    if (r.Chance(0.15))
    {
        p.proxyLossRate = Round(r.Uniform(0.005, 0.03), 0.005);
    }
    if (r.Chance(0.15))
    {
        p.wiredJitterMs = Round(r.Uniform(1, 10), 1);
    }
    if (r.Chance(0.15))
    {
        p.proxyJitterMs = Round(r.Uniform(1, 10), 1);
    }

    // Link layer and address.
    p.roaming = r.Chance(0.35) ? "signal" : "beacon-loss";
    p.maxMissedBeacons = r.Integer(3, 10);
    p.activeProbing = r.Chance(0.5);
    const size_t preset = r.Weighted({0.5, 0.4, 0.1});
    p.addressPreset = preset == 0 ? "android" : preset == 1 ? "rfc" : "ns3";

    // Topology and walk.
    p.speedMps = Round(r.Uniform(5, 30), 0.5);
    p.apCount = r.Weighted({0.6, 0.25, 0.15}) + 2;
    if (p.apCount == 4 && r.Chance(0.3))
    {
        p.apColumns = 2; // a 2 x 2 grid, walked along its first row
    }
    if (p.roaming == "signal")
    {
        p.apSpacingM = 80;
        p.apChannels = p.apCount >= 3 && r.Chance(0.5) ? "36,40,44" : "36,44";
    }
    else
    {
        p.apSpacingM = r.Pick({80.0, 100.0, 120.0});
        p.apChannels = "36";
    }
    if (kind == WALK && r.Chance(0.15))
    {
        p.walkBack = true;
        p.dnav4 = p.addressPreset != "ns3" && r.Chance(0.5);
    }
    if (r.Chance(0.08))
    {
        p.crossTraffic = "udp";
        p.crossRateMbps = r.Pick({1.0, 2.0, 5.0});
        p.crossAps = r.Chance(0.5) ? "" : "2";
    }
    p.appStartS = 1;
    p.moveStartS = Round(OpenMax(p) + r.Uniform(0, 1), 0.01);
    p.stopEarly = true;
    p.settleS = 1;

    switch (kind)
    {
    case WALK:
        break;
    case BOTH: {
        p.chMoves = true;
        p.apCount = 2;
        p.apColumns = 0;
        p.walkBack = false;
        p.dnav4 = false;
        p.apChannels = p.roaming == "signal" ? "36,44" : "36";
        if (r.Chance(0.5))
        {
            p.chMoveSkewMs = Round(r.Uniform(-150, 150), 1); // at once
        }
        else
        {
            // One after the other: beyond the first change's latest completion.
            Parameters at = p;
            at.chMoveSkewMs = 0;
            Window w = EstimateHandovers(at).front();
            double span = w.leaseMaxS + ExchangeMax(p) + 0.5 - w.degradeS;
            double skew = span + r.Uniform(0.5, 3);
            p.chMoveSkewMs = Round((r.Chance(0.5) ? 1 : -1) * skew * 1000, 1);
        }
        break;
    }
    case IN_FLIGHT: {
        p.chMoves = false;
        p.walkBack = false;
        p.roaming = "beacon-loss";
        p.apChannels = "36";
        p.apSpacingM = 100;
        p.apCount = 2;
        p.apColumns = 0;
        p.maxMissedBeacons = r.Integer(6, 10);
        p.proxyLossRate = 0;
        p.wiredLossRate = 0;
        p.bulkBytes = 0;
        p.moveStartS = Round(r.Uniform(1, 2), 0.01);
        Window w = EstimateHandovers(p).front();
        // The SYN between the last beacon and the beacon loss, mid-way.
        double from = w.lastBeaconS + 0.2;
        double to = w.deassocMinS - 0.2;
        p.appStartS = Round(from + (to - from) * r.Uniform(0.2, 0.8), 0.001);
        break;
    }
    case GAP: {
        p.chMoves = false;
        p.walkBack = false;
        p.roaming = "beacon-loss";
        p.apChannels = "36";
        p.apColumns = 0;
        p.apSpacingM = Round(r.Uniform(180, 260), 1);
        p.speedMps = Round(r.Uniform(5, 15), 0.5);
        p.stopEarly = false;
        Window w = EstimateHandovers(p).front();
        p.simTimeS = Round(w.deassocMaxS + 0.3 + (w.reachS - w.deassocMaxS - 0.6) * r.Unit(), 0.01);
        break;
    }
    case STILL:
        p.moveStartS = 0;
        p.mhMoves = false;
        p.chMoves = false;
        p.walkBack = false;
        p.dnav4 = false;
        p.stopEarly = false;
        if (r.Chance(0.35))
        {
            p.traffic = "browsing";
            if (Sip(p))
            {
                p.signalling = "inband";
            }
            p.connections = r.Integer(5, 12);
            p.meanInterArrivalS = Round(r.Uniform(0.2, 1), 0.1);
            p.meanLifetimeS = Round(r.Uniform(4, 12), 1);
            p.wiredLossRate = 0;
            p.wiredJitterMs = 0;
            p.simTimeS = Round(p.appStartS + 4 * p.connections * p.meanInterArrivalS + 5.5, 0.5);
        }
        else
        {
            p.simTimeS = Round(OpenMax(p) + r.Uniform(3, 6), 0.5);
        }
        break;
    case INTERFACE:
        p.protocol = "mobisocket";
        p.signalling = "inband";
        p.mhMoves = false;
        p.chMoves = false;
        p.walkBack = false;
        p.dnav4 = false;
        p.stopEarly = false;
        p.moveStartS = 0;
        p.interfaceHandover = r.Chance(0.5) ? "make-before-break" : "break-before-make";
        p.secondAccess = "link";
        p.secondDelayMs = Round(r.Uniform(5, 100), 1);
        p.secondUpMs = Round(r.Uniform(50, 500), 10);
        p.secondRateMbps = r.Pick({2.0, 10.0, 50.0});
        p.switchAtS = Round(OpenMax(p) + r.Uniform(0.5, 2), 0.01);
        break;
    }

    // The horizon: long enough for the prediction to be decided, found by
    // asking the predictor with growing run times (walks end early once
    // every host's data resumed: stopEarly).
    if (kind != GAP && kind != STILL)
    {
        double t = std::max(p.moveStartS, p.appStartS) + 2;
        for (int step = 0; step < 80; ++step)
        {
            p.simTimeS = Round(t, 0.5);
            if (p.Validate().empty() && Predict(p).decidable)
            {
                break;
            }
            t += 2.5;
        }
    }
    return p;
}

HandoverStress::Parameters
HandoverStress::Draw(uint64_t index) const
{
    std::string last;
    for (uint32_t attempt = 0; attempt < 64; ++attempt)
    {
        Parameters p = DrawCandidate(index, attempt);
        std::string error = p.Validate();
        NS_ABORT_MSG_IF(!error.empty(),
                        "HandoverStress drew an invalid set (draw " << index << "): " << error
                                                                    << "\n  " << CommandLine(p));
        StressPrediction prediction = Predict(p);
        if (prediction.decidable)
        {
            return p;
        }
        last = prediction.reason;
    }
    NS_ABORT_MSG("HandoverStress: no decidable set for draw " << index << " (last: " << last
                                                              << ")");
    return Parameters();
}

// ---------------------------------------------------------------------------------------------
// Names

std::string
HandoverStress::SchemeName(const Parameters& p)
{
    return MobilityScheme::Create(p)->GetName();
}

std::string
HandoverStress::ClassName(const Parameters& p)
{
    if (p.interfaceHandover != "none")
    {
        return "interface";
    }
    if (!p.mhMoves && !p.chMoves)
    {
        return "still";
    }
    if (p.chMoves)
    {
        return "both";
    }
    StressPrediction prediction = Predict(p);
    if (prediction.rule == "in-flight" || prediction.rule == "gap")
    {
        return prediction.rule;
    }
    return "walk";
}

std::string
HandoverStress::CommandLine(const Parameters& p)
{
    const std::map<std::string, std::string> defaults = Parameters().ToStrings();
    std::ostringstream out;
    const char* separator = "";
    for (const auto& [name, value] : p.ToStrings())
    {
        if (name == "outputDir" || name == "pcap")
        {
            continue;
        }
        auto d = defaults.find(name);
        if (d == defaults.end() || d->second != value)
        {
            out << separator << "--" << name << "=" << (value.empty() ? "\"\"" : value);
            separator = " ";
        }
    }
    return out.str();
}

} // namespace ns3
