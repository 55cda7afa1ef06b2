/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "handover-timeline.h"

#include "integrity-application.h"
#include "signalling-classifier.h"

#include "ns3/abort.h"
#include "ns3/change-exchange.h"
#include "ns3/cpu-energy-model.h"
#include "ns3/crypto-agent.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4.h"
#include "ns3/ipv6.h"
#include "ns3/log.h"
#include "ns3/mobile-slaac-client.h"
#include "ns3/mobility-control-header.h"
#include "ns3/mobility-demux.h"
#include "ns3/node.h"
#include "ns3/ns3-compat.h"
#include "ns3/packet-sink.h"
#include "ns3/packet.h"
#include "ns3/scanning-assoc-manager.h"
#include "ns3/simulator.h"
#include "ns3/sta-wifi-mac.h"
#include "ns3/tcp-header.h"
#include "ns3/tcp-socket-base.h"
#include "ns3/udp-header.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MobiSocketHandoverTimeline");

namespace
{
/// Not-a-number for events that did not happen.
const double NONE = std::numeric_limits<double>::quiet_NaN();

/**
 * \param times sorted event times
 * \param after lower bound (exclusive)
 * \param before upper bound (exclusive)
 * \return the first time in (after, before), or NaN
 */
double
FirstBetween(const std::vector<Time>& times, double after, double before)
{
    for (const Time& t : times)
    {
        double s = t.GetSeconds();
        if (s >= after && s < before)
        {
            return s;
        }
    }
    return NONE;
}

} // namespace

HandoverTimeline::HandoverTimeline(Time binWidth)
    : m_binWidth(binWidth)
{
}

HandoverTimeline::~HandoverTimeline() = default;

void
HandoverTimeline::Note(Host host, std::vector<Time> HostEvents::*sink)
{
    (m_hosts[IndexOf(host)].*sink).push_back(Simulator::Now());
}

#if MOBISOCKET_NS3_VERSION >= 336
void
HandoverTimeline::WatchScans(Host host, Ptr<ScanningAssocManager> manager)
{
    manager->TraceConnectWithoutContext(
        "ScanCompleted",
        MakeLambdaCallback<void, Mac48Address, uint8_t, double, Time>(
            [this, host](Mac48Address bssid, uint8_t, double, Time) {
                if (bssid != Mac48Address::GetBroadcast())
                {
                    Note(host, &HostEvents::scanCompleted);
                }
            }));
}
#endif

void
HandoverTimeline::WatchStation(Host host, Ptr<StaWifiMac> mac)
{
    m_hosts[IndexOf(host)].wifi = true;
    mac->TraceConnectWithoutContext(
        "DeAssoc",
        MakeLambdaCallback<void, Mac48Address>([this, host](Mac48Address) {
            // ns-3's station reports DeAssoc again when its beacon watchdog
            // expires during a roam's scan: the same outage, not a new one.
            const HostEvents& events = m_hosts[IndexOf(host)];
            bool stillLost =
                !events.accessLost.empty() &&
                (events.associated.empty() || events.associated.back() < events.accessLost.back());
            if (!stillLost)
            {
                NoteAccessLost(host);
            }
        }));
    mac->TraceConnectWithoutContext(
        "Assoc",
        MakeLambdaCallback<void, Mac48Address>([this, host](Mac48Address bssid) {
            Note(host, &HostEvents::associated);
            auto named = m_apNumbers.find(bssid);
            m_hosts[IndexOf(host)].associatedAp.push_back(
                named == m_apNumbers.end() ? 0 : named->second);
        }));
}

void
HandoverTimeline::WatchDhcp(Host host, Ptr<Object> dhcp)
{
    bool connected = dhcp->TraceConnectWithoutContext(
        "NewLease",
        MakeLambdaCallback<void, const Ipv4Address&>(
            [this, host](const Ipv4Address& address) { NoteAddressChanged(host, address); }));
    NS_ABORT_MSG_UNLESS(connected, "WatchDhcp: the DHCP client has no NewLease trace source");
}

void
HandoverTimeline::WatchSlaac(Host host, Ptr<MobileSlaacClient> slaac)
{
    slaac->TraceConnectWithoutContext(
        "RouterAdvertisementReceived",
        MakeLambdaCallback<void, Ipv6Address, Ipv6Address>(
            [this, host](Ipv6Address, Ipv6Address) { Note(host, &HostEvents::advertised); }));
    slaac->TraceConnectWithoutContext(
        "AddressTentative",
        MakeLambdaCallback<void, Ipv6Address>(
            [this, host](Ipv6Address) { Note(host, &HostEvents::tentative); }));
    slaac->TraceConnectWithoutContext(
        "AddressPreferred",
        MakeLambdaCallback<void, Ipv6Address>(
            [this, host](Ipv6Address) { Note(host, &HostEvents::preferred); }));
    slaac->TraceConnectWithoutContext(
        "AddressUsable",
        MakeLambdaCallback<void, Ipv6Address>(
            [this, host](Ipv6Address address) { NoteAddressChanged(host, address); }));
}

void
HandoverTimeline::NameAccessPoint(Mac48Address bssid, uint32_t number)
{
    m_apNumbers[bssid] = number;
}

void
HandoverTimeline::NoteAccessLost(Host host)
{
    HostEvents& events = m_hosts[IndexOf(host)];
    Note(host, &HostEvents::accessLost);
    events.accessLostRadioJ.push_back(events.radio ? events.radio->GetTotalEnergyConsumption()
                                                   : std::nan(""));
}

void
HandoverTimeline::WatchRadio(Host host, Ptr<energy::DeviceEnergyModel> radio)
{
    NS_ABORT_MSG_UNLESS(host == Host::MH, "WatchRadio: only the MH has a battery");
    m_hosts[IndexOf(host)].radio = radio;
}

void
HandoverTimeline::NoteReception(uint32_t bytes, bool uplink)
{
    const Time now = Simulator::Now();
    m_receptions.push_back({now, bytes, uplink});
    // A handover's radio energy ends at its first new byte, the first
    // reception after the MH's address changed: sample the radio there only
    // (reading it updates the battery, too much work for every reception).
    const HostEvents& mh = m_hosts[IndexOf(Host::MH)];
    if (mh.radio && !mh.addresses.empty())
    {
        const Time changed = mh.addresses.back().first;
        if (now > changed && (m_radioSamples.empty() || m_radioSamples.rbegin()->first <= changed))
        {
            m_radioSamples[now] = mh.radio->GetTotalEnergyConsumption();
        }
    }
}

void
HandoverTimeline::NoteAddressChanged(Host host, const IpAddress& address)
{
    m_hosts[IndexOf(host)].addresses.emplace_back(Simulator::Now(), address);
}

void
HandoverTimeline::WatchExchange(Host owner, Ptr<ChangeExchange> exchange)
{
    std::vector<Ptr<ChangeExchange>>& known = m_hosts[IndexOf(owner)].exchanges;
    if (std::find(known.begin(), known.end(), exchange) != known.end())
    {
        return; // already followed (a connection moved to another socket with its exchange)
    }
    known.push_back(exchange);
    Host peer = PeerOf(owner);
    exchange->TraceConnectWithoutContext(
        "UpdateSent",
        MakeLambdaCallback<void, const AddressUpdateHeader&>(
            [this, owner](const AddressUpdateHeader&) { Note(owner, &HostEvents::updateSent); }));
    exchange->TraceConnectWithoutContext(
        "UpdateAccepted",
        MakeLambdaCallback<void, const AddressUpdateHeader&>(
            [this, peer](const AddressUpdateHeader&) { Note(peer, &HostEvents::peerUpdated); }));
    exchange->TraceConnectWithoutContext(
        "ConfirmSent",
        MakeLambdaCallback<void, const AddressConfirmHeader&>(
            [this, peer](const AddressConfirmHeader&) { Note(peer, &HostEvents::peerAnswered); }));
    exchange->TraceConnectWithoutContext(
        "Rejected",
        MakeLambdaCallback<void, MobilityControlHeader::MessageType, ChangeRejectReason>(
            [this, owner](MobilityControlHeader::MessageType, ChangeRejectReason reason) {
                ++m_hosts[IndexOf(owner)].rejected[GetChangeRejectReasonName(reason)];
            }));
    exchange->TraceConnectWithoutContext(
        "ConfirmAccepted",
        MakeLambdaCallback<void, const AddressConfirmHeader&>(
            [this, owner](const AddressConfirmHeader&) { Note(owner, &HostEvents::confirmed); }));
}

void
HandoverTimeline::WatchStream(Ptr<IntegrityApplication> receiver,
                              Ptr<IntegrityApplication> sender,
                              bool uplink)
{
    DataRateValue rate;
    sender->GetAttribute("DataRate", rate);
    UintegerValue chunk;
    sender->GetAttribute("ChunkBytes", chunk);
    UintegerValue total;
    sender->GetAttribute("SendBytes", total);
    const uint64_t chunkBytes = rate.Get().GetBitRate() > 0 ? chunk.Get() : 0;
    const uint64_t totalBytes = total.Get();
    // Not a Ptr: the two ends' traces would hold each other and never be freed.
    IntegrityApplication* due = PeekPointer(sender);
    receiver->TraceConnectWithoutContext(
        "Rx",
        MakeLambdaCallback<void, Ptr<const Packet>, uint64_t>(
            [this, due, uplink, chunkBytes, totalBytes](Ptr<const Packet> packet, uint64_t offset) {
                NoteReception(packet->GetSize(), uplink);
                if (chunkBytes > 0)
                {
                    NoteChunks(*due, offset, packet->GetSize(), chunkBytes, totalBytes);
                }
            }));
}

void
HandoverTimeline::NoteChunks(const IntegrityApplication& sender,
                             uint64_t offset,
                             uint32_t bytes,
                             uint64_t chunkBytes,
                             uint64_t totalBytes)
{
    // A chunk is delivered with its last byte: one delay per chunk whose
    // last byte is in [offset, offset + bytes), however TCP cut or merged
    // the chunks into segments.
    const Time now = Simulator::Now();
    const uint64_t end = offset + bytes;
    for (uint64_t start = offset / chunkBytes * chunkBytes; start < end; start += chunkBytes)
    {
        const uint64_t last = std::min(start + chunkBytes, totalBytes) - 1;
        if (last >= offset && last < end)
        {
            m_delays.emplace_back(now, now - sender.GetDueTime(start));
        }
    }
}

void
HandoverTimeline::WatchTcp(Host host, Ptr<Socket> socket, Ptr<Socket> continues)
{
    socket->TraceConnectWithoutContext(
        "HighestRxAck",
        MakeLambdaCallback<void, SequenceNumber32, SequenceNumber32>(
            [this, host](SequenceNumber32 before, SequenceNumber32 now) {
                if (now > before)
                {
                    Note(host, &HostEvents::ackAdvanced);
                }
            }));
    auto known = continues ? m_highest.find(continues) : m_highest.end();
    std::shared_ptr<uint32_t> highest =
        known != m_highest.end() ? known->second : std::make_shared<uint32_t>(0);
    m_highest[socket] = highest;
    socket->TraceConnectWithoutContext(
        "Tx",
        MakeLambdaCallback<void, Ptr<const Packet>, const TcpHeader&, Ptr<const TcpSocketBase>>(
            [this,
             highest](Ptr<const Packet> packet, const TcpHeader& header, Ptr<const TcpSocketBase>) {
                if (packet->GetSize() == 0 || (header.GetFlags() & TcpHeader::URG))
                {
                    return;
                }
                uint32_t start = header.GetSequenceNumber().GetValue();
                uint32_t end = start + packet->GetSize();
                if (SequenceNumber32(start) < SequenceNumber32(*highest))
                {
                    ++m_retransmissions;
                }
                if (SequenceNumber32(end) > SequenceNumber32(*highest))
                {
                    *highest = end;
                }
            }));
    socket->TraceConnectWithoutContext(
        "RTO",
        MakeLambdaCallback<void, Time, Time>([this](Time old, Time now) {
            // Each expiry doubles the RTO (capped at 60 s).
            if (now == 2 * old || (now == Seconds(60) && old >= Seconds(30)))
            {
                m_rtoExpiries.push_back(Simulator::Now());
            }
        }));
}

void
HandoverTimeline::WatchSink(Ptr<PacketSink> sink, bool uplink)
{
    sink->TraceConnectWithoutContext("Rx",
                                     MakeLambdaCallback<void, Ptr<const Packet>, const Address&>(
                                         [this, uplink](Ptr<const Packet> packet, const Address&) {
                                             NoteReception(packet->GetSize(), uplink);
                                         }));
}

void
HandoverTimeline::WatchSignalling(Ptr<Node> node, const std::string& sender)
{
    node->GetObject<Ipv4>()->TraceConnectWithoutContext(
        "Tx",
        MakeLambdaCallback<void, Ptr<const Packet>, Ptr<Ipv4>, uint32_t>(
            [this, sender](Ptr<const Packet> packet, Ptr<Ipv4>, uint32_t) {
                Transmitted(sender, packet, SignallingClassifier::Name(packet));
            }));
    if (Ptr<Ipv6> ipv6 = node->GetObject<Ipv6>())
    {
        ipv6->TraceConnectWithoutContext(
            "Tx",
            MakeLambdaCallback<void, Ptr<const Packet>, Ptr<Ipv6>, uint32_t>(
                [this, sender](Ptr<const Packet> packet, Ptr<Ipv6>, uint32_t) {
                    Transmitted(sender, packet, SignallingClassifier::Name6(packet));
                }));
    }
}

void
HandoverTimeline::Transmitted(const std::string& sender,
                              Ptr<const Packet> packet,
                              const std::string& name)
{
    if (!name.empty())
    {
        for (MessageStats* stats : {&m_signalling[name], &m_signallingBySender[sender]})
        {
            ++stats->count;
            stats->bytes += packet->GetSize();
        }
    }
}

void
HandoverTimeline::WatchCrypto(Host host, Ptr<CryptoAgent> agent, Ptr<CpuEnergyModel> energy)
{
    m_hosts[IndexOf(host)].crypto = agent;
    m_hosts[IndexOf(host)].energy = energy;
}

void
HandoverTimeline::NoteInterfaceHandoverStart(Host host)
{
    Note(host, &HostEvents::interfaceStart);
}

void
HandoverTimeline::NoteInterfaceSwitched(Host host)
{
    Note(host, &HostEvents::interfaceSwitched);
}

void
HandoverTimeline::NoteInterfaceUp(Host host)
{
    Note(host, &HostEvents::interfaceUp);
}

Time
HandoverTimeline::LastResumption() const
{
    // The records' own rule (AccessRecord), so that a run stops only once
    // the records it would give are those of the full run.
    const double now = Simulator::Now().GetSeconds();
    Time latest = Seconds(0);
    for (Host host : HOSTS)
    {
        const HostEvents& events = m_hosts[IndexOf(host)];
        if (events.accessLost.empty())
        {
            continue;
        }
        HandoverRecord last = AccessRecord(host, events, events.accessLost.size() - 1, now);
        if (!last.completed)
        {
            return Seconds(-1);
        }
        latest = Max(latest, Seconds(last.firstNewByteS));
    }
    return latest;
}

const std::vector<std::pair<Time, IpAddress>>&
HandoverTimeline::GetAddresses(Host host) const
{
    return m_hosts[IndexOf(host)].addresses;
}

HandoverOutcome
HandoverTimeline::OutcomeWithoutData(const HandoverRecord& r,
                                     const HostEvents& events,
                                     bool isLast,
                                     double horizon) const
{
    if (!isLast)
    {
        return HandoverOutcome::SUPERSEDED;
    }
    // Still without a new address when the run ended: the scheme never had
    // its chance (out of coverage, or still scanning or leasing)...
    if (std::isnan(r.leaseS))
    {
        return HandoverOutcome::UNRESOLVED;
    }
    // ... still at work: an update neither confirmed nor given up...
    for (const Ptr<ChangeExchange>& exchange : events.exchanges)
    {
        if (exchange->IsPending())
        {
            return HandoverOutcome::UNRESOLVED;
        }
    }
    // ... or a completed change whose data waits for a retransmission timer
    // that had not expired yet.
    double completion = std::isnan(r.confirmedS) ? r.peerUpdatedS : r.confirmedS;
    if (std::isnan(completion))
    {
        return HandoverOutcome::LOST;
    }
    bool expiredSince = std::any_of(m_rtoExpiries.begin(), m_rtoExpiries.end(), [&](Time t) {
        return t.GetSeconds() > completion && t.GetSeconds() <= horizon;
    });
    return expiredSince ? HandoverOutcome::LOST : HandoverOutcome::UNRESOLVED;
}

HandoverRecord
HandoverTimeline::AccessRecord(Host host, const HostEvents& events, size_t i, double horizon) const
{
    HandoverRecord r;
    r.host = host;
    r.kind = events.wifi ? "wifi" : "wired";
    r.beaconLossS = events.accessLost[i].GetSeconds();
    r.startS = r.beaconLossS;
    bool isLast = i + 1 == events.accessLost.size();
    double next = isLast ? horizon + 1 : events.accessLost[i + 1].GetSeconds();
    std::vector<Time> addressTimes;
    for (const auto& address : events.addresses)
    {
        addressTimes.push_back(address.first);
    }
    r.reassociatedS = events.wifi ? FirstBetween(events.associated, r.beaconLossS, next) : NONE;
    for (size_t a = 0; a < events.associated.size(); ++a)
    {
        double t = events.associated[a].GetSeconds();
        if (t < r.beaconLossS)
        {
            r.fromAp = events.associatedAp[a];
        }
        else if (t == r.reassociatedS)
        {
            r.toAp = events.associatedAp[a];
        }
    }
    r.scanEndS = events.wifi ? FirstBetween(events.scanCompleted, r.beaconLossS, next) : NONE;
    double attached = events.wifi ? r.reassociatedS : r.beaconLossS;
    r.leaseS = std::isnan(attached) ? NONE : FirstBetween(addressTimes, attached, next);
    r.advertisedS = std::isnan(attached) ? NONE : FirstBetween(events.advertised, attached, next);
    r.tentativeS = std::isnan(attached) ? NONE : FirstBetween(events.tentative, attached, next);
    r.preferredS = std::isnan(attached) ? NONE : FirstBetween(events.preferred, attached, next);
    double from = std::isnan(r.leaseS) ? horizon + 1 : r.leaseS;
    r.updateSentS = FirstBetween(events.updateSent, from, next);
    r.peerUpdatedS = FirstBetween(events.peerUpdated, from, next);
    r.peerAnsweredS = FirstBetween(events.peerAnswered, from, next);
    r.confirmedS = FirstBetween(events.confirmed, from, next);
    r.lastOldByteS = NONE;
    r.firstNewByteS = NONE;
    Time firstNewByte;
    // The mover's peer takes data over the new path only once it has updated;
    // what it receives before came over the old path, still in flight when
    // the mover left (on a long path, even after the mover's lease).
    double peerFrom = std::isnan(r.peerUpdatedS) ? from : std::max(from, r.peerUpdatedS);
    for (const Reception& rx : m_receptions)
    {
        double t = rx.time.GetSeconds();
        bool byPeer = rx.uplink == (host == Host::MH);
        if (t <= r.beaconLossS)
        {
            r.lastOldByteS = t;
        }
        else if (t > (byPeer ? peerFrom : from) && t < next && std::isnan(r.firstNewByteS))
        {
            r.firstNewByteS = t;
            firstNewByte = rx.time;
        }
    }
    // Data reaching the peer is not enough: a host that still sends from its
    // old address reaches a peer whose answers go to that address and are
    // lost (plain TCP after a move). The path works once the mover hears back.
    if (!HeardBetween(host, from, next))
    {
        r.firstNewByteS = NONE;
    }
    r.completed = !std::isnan(r.firstNewByteS);
    r.disruptionS = r.firstNewByteS - r.lastOldByteS;
    r.radioEnergyJ = NONE;
    auto sampled = m_radioSamples.find(firstNewByte);
    if (host == Host::MH && r.completed && sampled != m_radioSamples.end())
    {
        r.radioEnergyJ = sampled->second - events.accessLostRadioJ[i];
    }
    r.outcome =
        r.completed ? HandoverOutcome::RESUMED : OutcomeWithoutData(r, events, isLast, horizon);
    return r;
}

bool
HandoverTimeline::HeardBetween(Host host, double from, double to) const
{
    auto within = [from, to](Time t) { return t.GetSeconds() > from && t.GetSeconds() < to; };
    const std::vector<Time>& acks = m_hosts[IndexOf(host)].ackAdvanced;
    if (std::any_of(acks.begin(), acks.end(), within))
    {
        return true;
    }
    const bool atCh = host == Host::CH; // uplink receptions are the CH's
    return std::any_of(m_receptions.begin(), m_receptions.end(), [&](const Reception& rx) {
        return rx.uplink == atCh && within(rx.time);
    });
}

void
HandoverTimeline::Finish(Time end, ScenarioResult& result) const
{
    const double horizon = end.GetSeconds();
    for (Host host : HOSTS)
    {
        const HostEvents& events = m_hosts[IndexOf(host)];
        for (size_t i = 0; i < events.interfaceStart.size(); ++i)
        {
            result.handovers.push_back(InterfaceRecord(host, events, i, horizon));
        }
        if (!events.interfaceStart.empty())
        {
            continue; // the loss of the access link is part of the interface handover
        }
        for (size_t i = 0; i < events.accessLost.size(); ++i)
        {
            result.handovers.push_back(AccessRecord(host, events, i, horizon));
        }
    }
    std::sort(result.handovers.begin(), result.handovers.end(), [](const auto& a, const auto& b) {
        return a.startS < b.startS;
    });

    size_t bins = static_cast<size_t>(std::ceil(end.GetSeconds() / m_binWidth.GetSeconds()));
    result.goodputTimeS.resize(bins);
    result.goodputUplinkMbps.assign(bins, 0);
    result.goodputDownlinkMbps.assign(bins, 0);
    for (size_t b = 0; b < bins; ++b)
    {
        result.goodputTimeS[b] = b * m_binWidth.GetSeconds();
    }
    const double toMbps = 8.0 / m_binWidth.GetSeconds() / 1e6;
    for (const Reception& rx : m_receptions)
    {
        size_t b = static_cast<size_t>(rx.time.GetSeconds() / m_binWidth.GetSeconds());
        if (b < bins)
        {
            (rx.uplink ? result.goodputUplinkMbps : result.goodputDownlinkMbps)[b] +=
                rx.bytes * toMbps;
        }
    }
    for (const auto& [time, delay] : m_delays)
    {
        result.delayTimeS.push_back(time.GetSeconds());
        result.delayS.push_back(delay.GetSeconds());
    }
    result.retransmissions = m_retransmissions;
    result.rtoExpiries = m_rtoExpiries.size();
    result.signalling = m_signalling;
    result.signallingBySender = m_signallingBySender;
    for (Host host : HOSTS)
    {
        const HostEvents& events = m_hosts[IndexOf(host)];
        if (!events.crypto)
        {
            continue;
        }
        NodeCrypto crypto;
        crypto.host = host;
        crypto.signatures = events.crypto->GetCount(CryptoAgent::SIGN);
        crypto.verifications = events.crypto->GetCount(CryptoAgent::VERIFY);
        crypto.keyShares = events.crypto->GetCount(CryptoAgent::KEY_GENERATION);
        crypto.keyAgreements = events.crypto->GetCount(CryptoAgent::KEY_AGREEMENT);
        crypto.macs = events.crypto->GetCount(CryptoAgent::MAC);
        crypto.cpuTimeS = events.crypto->GetBusyTime().GetSeconds();
        crypto.energyJ = events.energy ? events.energy->GetTotalEnergyConsumption() : 0;
        crypto.radioEnergyJ = events.radio ? events.radio->GetTotalEnergyConsumption() : 0;
        crypto.rejected = events.rejected;
        result.crypto.push_back(crypto);
    }
}

HandoverRecord
HandoverTimeline::InterfaceRecord(Host host,
                                  const HostEvents& events,
                                  size_t i,
                                  double horizon) const
{
    HandoverRecord r;
    r.host = host;
    r.kind = "interface";
    r.startS = events.interfaceStart[i].GetSeconds();
    double next = i + 1 < events.interfaceStart.size() ? events.interfaceStart[i + 1].GetSeconds()
                                                       : horizon + 1;
    // The old access's loss (break-before-make: what triggers the switch)
    // and the new one's coming up, when they fall inside this handover.
    r.beaconLossS = FirstBetween(events.accessLost, r.startS, next);
    r.scanEndS = NONE;
    r.reassociatedS = FirstBetween(events.interfaceUp, r.startS, next);
    r.leaseS = FirstBetween(events.interfaceSwitched, r.startS, next);
    double from = std::isnan(r.leaseS) ? horizon + 1 : r.leaseS;
    r.updateSentS = FirstBetween(events.updateSent, from, next);
    r.peerUpdatedS = FirstBetween(events.peerUpdated, from, next);
    r.peerAnsweredS = FirstBetween(events.peerAnswered, from, next);
    r.confirmedS = FirstBetween(events.confirmed, from, next);
    // Data through both paths may interleave: the disruption is the longest
    // reception gap from the last byte before the start up to the first byte
    // after the change is confirmed (or made, if never confirmed).
    double windowEnd = std::isnan(r.confirmedS) ? from : r.confirmedS;
    r.lastOldByteS = NONE;
    r.firstNewByteS = NONE;
    r.disruptionS = NONE;
    double previous = NONE;
    bool completed = false;
    for (const Reception& rx : m_receptions)
    {
        double t = rx.time.GetSeconds();
        if (t <= r.startS)
        {
            previous = t;
            continue;
        }
        if (!std::isnan(previous) && !(t - previous <= r.disruptionS))
        {
            r.lastOldByteS = previous;
            r.firstNewByteS = t;
            r.disruptionS = t - previous;
        }
        previous = t;
        if (t > windowEnd)
        {
            completed = true;
            break;
        }
    }
    r.completed = completed;
    r.radioEnergyJ = NONE; // the handover moves to another interface, not a WiFi one
    r.outcome = completed
                    ? HandoverOutcome::RESUMED
                    : OutcomeWithoutData(r, events, i + 1 == events.interfaceStart.size(), horizon);
    if (!completed)
    {
        r.firstNewByteS = NONE;
        r.disruptionS = NONE;
    }
    return r;
}

} // namespace ns3
