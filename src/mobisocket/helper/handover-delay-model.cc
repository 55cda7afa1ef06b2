/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "handover-delay-model.h"

#include "mobility-scheme.h"
#include "scoped-attribute-defaults.h"

#include "ns3/crypto-agent.h"
#include "ns3/tcp-socket-base.h"
#include "ns3/tcp-socket.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace ns3
{

namespace
{

/// IP size of a DHCP message as ns-3's DhcpHeader serializes it (with UDP and IP headers).
constexpr uint32_t DHCP_IP_BYTES = 276;
/// IP and TCP headers (with the timestamp option) in front of a segment's payload.
constexpr uint32_t TCP_IP_HEADER_BYTES = 20 + 32;
/// A pure ACK at the IP layer.
constexpr uint32_t ACK_IP_BYTES = 20 + 32;
/// StaWifiMac ProbeDelay: uniform 50-250 us before a probe request.
constexpr double PROBE_DELAY_MIN_S = 50e-6;
constexpr double PROBE_DELAY_MAX_S = 250e-6; //!< its upper end
/// TcpSocketBase ClockGranularity: the smallest variance term of the RTO.
constexpr double CLOCK_GRANULARITY_S = 0.001;

/// \return the minimum RTO the scenario's sockets use (s)
double
MinRtoS(const HandoverScenario::Parameters& p)
{
    if (p.minRtoMs >= 0)
    {
        return p.minRtoMs / 1000;
    }
    return InitialValueOf<TimeValue>(TcpSocketBase::GetTypeId(), "MinRto").GetSeconds();
}

/**
 * \return the time a window (the sockets' 128 KiB buffers) takes on the
 *         WiFi hop: the queue a bulk sender builds
 * \param p the parameters
 */
DelayRange
WindowBurst(const HandoverScenario::Parameters& p)
{
    DelayRange segment = ExchangePath::WifiUnicast(p.segmentBytes + TCP_IP_HEADER_BYTES);
    DelayRange ack = ExchangePath::WifiUnicast(ACK_IP_BYTES);
    double segments =
        InitialValueOf<UintegerValue>(TcpSocket::GetTypeId(), "RcvBufSize") / p.segmentBytes;
    // One segment and half an ACK (delayed ACKs) on the air per segment.
    return DelayRange{segments * (segment.meanS + ack.meanS / 2),
                      segments * (segment.minS + ack.minS / 2),
                      segments * (segment.maxS + ack.maxS / 2)};
}

/**
 * \return the time since the last bulk byte at a moment independent of the
 *         data: a sender limited by its window (the sockets' 128 KiB
 *         buffers) sends the window in one burst per round trip and idles
 *         for the rest of it when the WiFi hop could carry more
 * \param p the parameters
 * \param path the path
 */
DelayRange
BulkGap(const HandoverScenario::Parameters& p, const ExchangePath& path)
{
    DelayRange segment = ExchangePath::WifiUnicast(p.segmentBytes + TCP_IP_HEADER_BYTES);
    DelayRange ack = ExchangePath::WifiUnicast(ACK_IP_BYTES);
    double rtt =
        path.Direct(p.segmentBytes + TCP_IP_HEADER_BYTES).meanS + path.Direct(ACK_IP_BYTES).meanS;
    DelayRange burst = WindowBurst(p);
    double cycle = std::max(rtt, burst.meanS);
    double gap = cycle - burst.meanS;
    double spacing = segment.meanS + ack.meanS / 2;
    double mean = (gap * gap / 2 + burst.meanS * spacing / 2) / cycle;
    double widest = std::max(0.0, rtt - burst.minS);
    return DelayRange{mean, 0, widest + segment.maxS};
}

/**
 * \return the time from the last data the receiver got to the moment the
 *         link stops carrying data (the stream's spacing, or a bulk
 *         sender's idle gap)
 * \param p the parameters
 * \param path the path
 */
DelayRange
DataGap(const HandoverScenario::Parameters& p, const ExchangePath& path)
{
    if (p.traffic == "stream")
    {
        return DelayRange::Between(0, 8.0 * p.streamChunkBytes / (p.streamRateKbps * 1000));
    }
    return BulkGap(p, path);
}

/// \return the time from the last old byte to the station leaving its AP
DelayRange
Detection(const HandoverScenario::Parameters& p, const ExchangePath& path)
{
    if (p.roaming == "signal")
    {
        // The signal policy leaves while the link still carries data, at a
        // beacon, whose phase is independent of the data.
        return DataGap(p, path);
    }
    // The station leaves MaxMissedBeacons intervals after the last beacon it
    // heard; the link broke up to an interval after that beacon, the last
    // data reached the receiver a data gap before (and, uplink, a one-way
    // trip after it left the MH). Beacons go once, at the lowest rate, while
    // data frames are retried up to seven times: near the edge the last
    // beacons before the break may be lost, so the range allows the break up
    // to three intervals after the last beacon heard.
    double interval = p.beaconIntervalUs * 1e-6;
    double missed = p.maxMissedBeacons;
    DelayRange d = DelayRange{(missed - 0.5) * interval,
                              std::max(0.0, missed - 3) * interval,
                              missed * interval} +
                   DataGap(p, path);
    if (p.direction == "uplink")
    {
        DelayRange trip = path.Direct(p.segmentBytes + TCP_IP_HEADER_BYTES);
        d += DelayRange{-trip.meanS, -trip.maxS, -trip.minS};
    }
    return d;
}

/// \return the scan of the signal policy's channel list
DelayRange
SignalScan(const HandoverScenario::Parameters& p)
{
    std::vector<uint8_t> apChannels = p.ChannelOfEachAp();
    std::vector<uint8_t> scan = p.ChannelsToScan();
    std::set<uint8_t> answering(apChannels.begin(), apChannels.end());
    double stationTime = p.activeProbing ? p.probeTimeoutMs / 1000 : p.waitBeaconTimeoutMs / 1000;
    double minTime = p.minChannelTimeMs > 0 ? p.minChannelTimeMs / 1000 : p.probeTimeoutMs / 1000;
    double maxTime = p.maxChannelTimeMs > 0 ? p.maxChannelTimeMs / 1000 : stationTime;
    DelayRange total;
    uint8_t current = apChannels[0];
    for (uint8_t channel : scan)
    {
        if (channel != current)
        {
            total += DelayRange::Fixed(ExchangePath::ChannelSwitchS());
            current = channel;
        }
        if (!p.activeProbing)
        {
            total += DelayRange::Fixed(maxTime);
            continue;
        }
        // Probe after ProbeDelay, wait MinChannelTime, and stay until
        // MaxChannelTime where an AP answered (both APs are in range).
        total += DelayRange::Between(PROBE_DELAY_MIN_S, PROBE_DELAY_MAX_S) +
                 DelayRange::Fixed(answering.count(channel) ? std::max(minTime, maxTime) : minTime);
    }
    if (apChannels[1] != current)
    {
        total += DelayRange::Fixed(ExchangePath::ChannelSwitchS()); // tune to the chosen AP
    }
    return total;
}

/// \return the scan, by the roaming policy
DelayRange
Scan(const HandoverScenario::Parameters& p)
{
    if (p.roaming == "signal")
    {
        return SignalScan(p);
    }
    // ns-3's station scans its own channel once, with its own timers.
    if (p.activeProbing)
    {
        return DelayRange::Between(PROBE_DELAY_MIN_S, PROBE_DELAY_MAX_S) +
               DelayRange::Fixed(p.probeTimeoutMs / 1000);
    }
    return DelayRange::Fixed(p.waitBeaconTimeoutMs / 1000);
}

/// \return the DHCP exchange after the association
DelayRange
AddressAcquisition(const HandoverScenario::Parameters& p)
{
    double collect = p.dhcpCollectMs >= 0       ? p.dhcpCollectMs / 1000
                     : p.addressPreset == "rfc" ? 0.5
                                                : 0.0;
    // DISCOVER and REQUEST go to the AP (unicast frames); the AP relays each
    // to its cell (a broadcast) before its server's OFFER or ACK, also
    // broadcast, goes out.
    DelayRange round =
        ExchangePath::WifiUnicast(DHCP_IP_BYTES) + 2 * ExchangePath::WifiBroadcast(DHCP_IP_BYTES);
    return DelayRange::Fixed(collect) + 2 * round;
}

/**
 * \brief The first expiry of a backed-off retransmission timer at or after a time.
 * \param armedS when the timer was last armed
 * \param rtoS its value then
 * \param notBeforeS the earliest useful expiry
 * \return the expiry
 */
double
FirstExpiryAfter(double armedS, double rtoS, double notBeforeS)
{
    double expiry = armedS + rtoS;
    double backoff = rtoS;
    while (expiry < notBeforeS)
    {
        backoff *= 2;
        expiry += backoff;
    }
    return expiry;
}

/// What the resumption without ResetTimer depends on, as times after the last old byte.
struct Timeline
{
    DelayRange lastAckHeard; //!< the sender last heard from the receiver
    DelayRange lastArrival;  //!< the receiver got its last old data
    DelayRange lease;        //!< the mover has its new address
    DelayRange peerUpdated;  //!< the peer's TCB rewritten
};

/**
 * \return when the sender last heard from the receiver before the break,
 *         after the last old byte: the arming of its retransmission timer
 * \param p the parameters
 * \param path the path
 * \param detection the last old byte -> the station leaves its AP
 */
DelayRange
LastAckHeard(const HandoverScenario::Parameters& p,
             const ExchangePath& path,
             const DelayRange& detection)
{
    if (p.direction == "downlink")
    {
        // The MH acknowledged the last old byte; the ACK reached the CH.
        return path.Direct(ACK_IP_BYTES);
    }
    if (p.roaming == "beacon-loss")
    {
        // The link broke when the last old segment left the MH, a one-way
        // trip before it reached the CH; ACKs stopped reaching the MH then
        // (the range allows the AP's frames to get through a while longer,
        // up to the ACK of that last segment).
        DelayRange trip = path.Direct(p.segmentBytes + TCP_IP_HEADER_BYTES);
        return DelayRange{-trip.meanS, -trip.maxS, path.Direct(ACK_IP_BYTES).maxS};
    }
    // The signal policy: ACKs reach the MH until it leaves.
    return detection;
}

/**
 * \return the first expiry of the backed-off retransmission timer whose
 *         segment finds the peer updated, as a time after the peer's update
 * \param uplink the mover sends
 * \param armed when the sender last heard from the receiver
 * \param updated when the peer updated
 * \param rto the RTO when armed
 * \param trip the segment's one-way trip
 */
double
ExpiryAfterUpdate(bool uplink, double armed, double updated, double rto, double trip)
{
    return FirstExpiryAfter(armed, rto, uplink ? updated - trip : updated) - updated;
}

/**
 * \brief The range of ExpiryAfterUpdate() over every time of the peer's
 *        update in a range: the wait is a saw-tooth of the update's time,
 *        longest just after an expiry missed it, shortest at an expiry.
 * \param uplink the mover sends
 * \param armed when the sender last heard from the receiver
 * \param updated when the peer may update
 * \param rto the RTO when armed
 * \param trip the segment's one-way trip
 * \return the shortest and longest wait
 */
std::pair<double, double>
ExpiryRangeAfterUpdate(bool uplink,
                       double armed,
                       const DelayRange& updated,
                       double rto,
                       double trip)
{
    double shortest = ExpiryAfterUpdate(uplink, armed, updated.maxS, rto, trip);
    double longest = ExpiryAfterUpdate(uplink, armed, updated.minS, rto, trip);
    double shift = uplink ? trip : 0; // an expiry e serves updates until e + shift
    double previous = armed;
    for (double expiry = armed + rto, backoff = rto; expiry - shift <= updated.maxS + backoff;
         backoff *= 2, expiry += backoff)
    {
        if (expiry + shift >= updated.minS && expiry + shift <= updated.maxS)
        {
            shortest = std::min(shortest, -shift); // the update just before this expiry
        }
        if (previous + shift >= updated.minS && previous + shift < updated.maxS && previous > armed)
        {
            longest = std::max(longest, expiry - previous - shift); // just after the one before
        }
        previous = expiry;
    }
    return {shortest, longest};
}

/**
 * \brief The receiver's delayed ACK may re-arm the sender's timer.
 *
 * Without ResetTimer the receiver still sends the ACK it was holding back
 * (every second segment is acknowledged at once, so half the time one is
 * pending) DelAckTimeout after its last old data. When that happens after
 * the mover has its address and the peer has updated, the ACK crosses the
 * new path: the sender learns what the receiver has and its timer restarts,
 * not backed off, so its resend is new data.
 *
 * \param p the parameters
 * \param path the path
 * \param t the outage's milestones after the last old byte
 * \param expiry the backed-off timer's resend, after the peer's update
 * \param byTimer the resumption it gives, after the peer's update
 * \param rto the RTO when the timer restarts
 * \return the resumption: the mean of the two outcomes, the range of both
 */
DelayRange
WithDelayedAck(const HandoverScenario::Parameters& p,
               const ExchangePath& path,
               const Timeline& t,
               const DelayRange& expiry,
               const DelayRange& byTimer,
               double rto)
{
    bool uplink = p.direction == "uplink";
    double delAck = InitialValueOf<TimeValue>(TcpSocket::GetTypeId(), "DelAckTimeout").GetSeconds();
    double segment = path.Direct(p.segmentBytes + TCP_IP_HEADER_BYTES).meanS;
    double ack = path.Direct(ACK_IP_BYTES).meanS;
    double sent = t.lastArrival.meanS + delAck;
    // Uplink the CH sends it and must have updated; downlink the MH sends
    // it from its new address and the CH takes it once updated.
    bool newPath = uplink ? sent >= t.peerUpdated.meanS
                          : sent >= t.lease.meanS && sent + ack >= t.peerUpdated.meanS;
    double heard = sent + ack;
    if (!newPath || heard >= t.peerUpdated.meanS + expiry.meanS)
    {
        return byTimer; // no ACK over the new path before the timer resends
    }
    // The ACK's time varies with the last old data's.
    double spread = t.lastArrival.maxS - t.lastArrival.meanS;
    double rearmed = heard + rto + segment - t.peerUpdated.meanS;
    return DelayRange{(rearmed + byTimer.meanS) / 2,
                      std::min(rearmed - (t.lastArrival.meanS - t.lastArrival.minS), byTimer.minS),
                      std::max(rearmed + spread, byTimer.maxS)};
}

/**
 * \return the time from the peer's update to the first new byte
 * \param p the parameters
 * \param path the path
 * \param exchange the scheme's exchange
 * \param timeline the outage's milestones after the last old byte
 */
DelayRange
Resume(const HandoverScenario::Parameters& p,
       const ExchangePath& path,
       const ExchangePrediction& exchange,
       const Timeline& timeline)
{
    bool uplink = p.direction == "uplink";
    bool bulk = p.traffic == "bulk";
    DelayRange segment = path.Direct(p.segmentBytes + TCP_IP_HEADER_BYTES);
    DelayRange ack = path.Direct(ACK_IP_BYTES);
    // A bulk sender's first resend repeats bytes the receiver had (its last
    // ACKs were lost at the break), so new bytes follow one round trip
    // later -- unless the receiver's ACK reached the sender on the new path
    // first: the CH's restart ACK, with ResetTimer, uplink. A stream's
    // receiver had acknowledged all it got.
    // (The range allows a resend that is new: the last ACK got through.)
    bool repeats = bulk && !(p.resetTimer && uplink);
    DelayRange roundTrip = ack + segment;
    DelayRange after =
        segment + (repeats ? DelayRange{roundTrip.meanS, 0, roundTrip.maxS} : DelayRange{});
    // RTO = max(MinRto, SRTT + 4 RTTVAR): the path's RTT, plus, for bulk, the
    // queue of a window (SRTT up to RTT + burst, RTTVAR about burst / 4);
    // at most 3 SRTT while RTTVAR is still near its first value, SRTT / 2
    // (RFC 6298, 2.2).
    double rtt = segment.meanS + ack.meanS + CLOCK_GRANULARITY_S;
    double burst = bulk ? WindowBurst(p).meanS : 0;
    double minRto = MinRtoS(p);
    const double rtos[] = {std::max(minRto, rtt),
                           std::max(minRto, rtt + 1.5 * burst),
                           std::max(minRto, 3 * (rtt + burst))};
    DelayRange expiry;
    if (uplink && exchange.moverTimerFrozen)
    {
        // Stopped when the link went, re-armed with the RTO when confirmed.
        expiry = exchange.confirm + DelayRange{rtos[1], rtos[0], rtos[2]};
    }
    else
    {
        // Armed when the sender last heard from the receiver, backed off
        // since: the first expiry whose segment finds the peer updated resends.
        const DelayRange& armed = timeline.lastAckHeard;
        const DelayRange& updated = timeline.peerUpdated;
        expiry.meanS =
            ExpiryAfterUpdate(uplink, armed.meanS, updated.meanS, rtos[1], segment.meanS);
        expiry.minS = expiry.maxS = expiry.meanS;
        for (double a : {armed.minS, armed.maxS})
        {
            for (double rto : rtos)
            {
                auto [low, high] = ExpiryRangeAfterUpdate(uplink, a, updated, rto, segment.meanS);
                expiry.minS = std::min(expiry.minS, low);
                expiry.maxS = std::max(expiry.maxS, high);
            }
        }
    }
    DelayRange byTimer = expiry + after;
    if (!p.resetTimer)
    {
        return WithDelayedAck(p, path, timeline, expiry, byTimer, rtos[1]);
    }
    // With ResetTimer the sender restarts when the exchange completes (the
    // mover on the confirmation, the peer after its answer), unless its
    // timer expired first.
    DelayRange byReset = uplink ? exchange.confirm + exchange.moverArpAtConfirm + after
                                : exchange.answer + exchange.peerArpAtAnswer + after;
    return DelayRange{std::min(byReset.meanS, byTimer.meanS),
                      std::min(byReset.minS, byTimer.minS),
                      std::min(byReset.maxS, byTimer.maxS)};
}

/**
 * \param p valid scenario parameters
 * \param traits the scheme's signalling traits
 * \param exchange the scheme's predicted exchange
 * \return "" if the model covers them, else the first reason it does not
 */
std::string
Outside(const HandoverScenario::Parameters& p,
        const MobilityScheme::SignallingTraits& traits,
        const ExchangePrediction& exchange)
{
    struct Rule
    {
        bool outside;       //!< the parameters break the rule
        const char* reason; //!< what the model does not cover
    };

    const Rule rules[] = {
        {p.traffic != "bulk" && p.traffic != "stream", "traffic: browsing opens many connections"},
        {p.direction == "both", "direction=both: two senders"},
        {p.apCount != 2 || p.apColumns != 0 || p.mobility != "walk" || !p.mhMoves || p.walkBack,
         "topology: one walk from the first of two APs to the second"},
        {p.chMoves, "chMoves: two handovers"},
        {p.interfaceHandover != "none", "interfaceHandover: no WiFi handover"},
        {p.crossTraffic != "none", "crossTraffic: queues at the APs"},
        {p.wiredLossRate > 0 || p.proxyLossRate > 0 || p.signallingLossRate > 0,
         "loss: retransmissions"},
        {p.wiredJitterMs > 0 || p.proxyJitterMs > 0, "jitter"},
        {p.addressPreset == "ns3" || p.dnav4, "address: ns-3's client and DNAv4 are not derived"},
        {p.ipVersion == 6,
         "ipVersion=6: SLAAC, DAD and neighbour discovery's resolution are not derived"},
        {traits.preparedOnly && p.prepareAfterS > 0,
         "prepareAfterS > 0: whether the connection is prepared depends on when the link fails"},
        {exchange.moverTimerFrozen && !p.resetTimer && p.traffic == "stream" &&
             p.direction == "uplink",
         "TCP-R without ResetTimer on an uplink stream: new data at once, recovered by fast "
         "retransmit, not derived"},
        {traits.fixedUpdateDelayS >= 0,
         "signalling=application: an ideal channel, nothing to predict"},
    };
    for (const Rule& rule : rules)
    {
        if (rule.outside)
        {
            return rule.reason;
        }
    }
    return "";
}

} // namespace

DelayRange
HandoverPrediction::L2Handoff() const
{
    return scan + association;
}

std::string
HandoverDelayModel::OutsideDomain(const HandoverScenario::Parameters& p)
{
    Ptr<MobilityScheme> scheme = MobilityScheme::Create(p);
    return Outside(p, scheme->GetSignallingTraits(), scheme->PredictExchange(PathOf(p)));
}

ExchangePath
HandoverDelayModel::PathOf(const HandoverScenario::Parameters& p)
{
    ExchangePath::Links links;
    links.accessDelayS = p.accessDelayMs / 1000;
    links.wiredDelayS = p.wiredDelayMs / 1000;
    links.wiredRateBps = p.wiredRateMbps * 1e6;
    links.proxyRttS = p.proxyRttMs / 1000;
    ExchangePath::Cpu cpu;
    double hz = p.cpuFrequencyMhz * 1e6;
    cpu.signS = p.signCycles / hz;
    cpu.verifyS = p.verifyCycles / hz;
    cpu.macS = InitialValueOf<UintegerValue>(CryptoAgent::GetTypeId(), "MacCycles") / hz;
    return ExchangePath(links, cpu);
}

HandoverPrediction
HandoverDelayModel::Predict(const HandoverScenario::Parameters& p)
{
    HandoverPrediction h;
    ExchangePath path = PathOf(p);
    Ptr<MobilityScheme> scheme = MobilityScheme::Create(p);
    ExchangePrediction exchange = scheme->PredictExchange(path);
    h.reason = Outside(p, scheme->GetSignallingTraits(), exchange);
    if (!h.reason.empty())
    {
        return h;
    }
    h.modelled = true;
    std::vector<uint8_t> channels = p.ChannelOfEachAp();
    if (p.roaming == "beacon-loss" && channels[0] != channels[1])
    {
        h.reason = "beacon-loss: ns-3's station re-associates only on its own channel";
        return h;
    }
    h.detection = Detection(p, path);
    h.scan = Scan(p);
    h.association = ExchangePath::WifiAssociation();
    h.address = AddressAcquisition(p);
    if (!exchange.keepsConnection)
    {
        h.reason = exchange.reason;
        return h;
    }
    h.survives = true;
    h.update = exchange.update;
    h.confirm = exchange.update + exchange.confirm;
    DelayRange lease = h.detection + h.scan + h.association + h.address;
    // Uplink with the signal policy, data in flight when the MH left still
    // reach the CH up to a one-way trip later.
    DelayRange arrival;
    if (p.direction == "uplink" && p.roaming == "signal")
    {
        arrival = h.detection + path.Direct(p.segmentBytes + TCP_IP_HEADER_BYTES);
    }
    Timeline timeline{LastAckHeard(p, path, h.detection), arrival, lease, lease + h.update};
    h.resume = Resume(p, path, exchange, timeline);
    h.disruption = lease + h.update + h.resume;
    return h;
}

} // namespace ns3
