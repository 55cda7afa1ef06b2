/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "handover-timeline.h"

#include "integrity-application.h"

#include "ns3/dhcp-client.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/mobility-control-header.h"
#include "ns3/mobility-demux.h"
#include "ns3/node.h"
#include "ns3/packet-sink.h"
#include "ns3/packet.h"
#include "ns3/relocatable-tcp-socket.h"
#include "ns3/simulator.h"
#include "ns3/sip-user-agent.h"
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

/// SIP's well-known port.
constexpr uint16_t SIP_PORT = 5060;

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

/**
 * \brief Name a SIP message from the start of its text: the method of a
 *        request, or "<status>/<CSeq method>" of a response.
 * \param text the message
 * \return the name
 */
std::string
SipMessageName(const std::string& text)
{
    std::string firstLine = text.substr(0, text.find("\r\n"));
    if (firstLine.rfind("SIP/2.0 ", 0) != 0)
    {
        return "SIP " + firstLine.substr(0, firstLine.find(' '));
    }
    std::string status = firstLine.substr(8, 3);
    std::string method = "?";
    size_t cseq = text.find("\r\nCSeq:");
    if (cseq != std::string::npos)
    {
        size_t lineEnd = text.find("\r\n", cseq + 2);
        std::string line = text.substr(cseq + 7, lineEnd - cseq - 7);
        size_t space = line.find_last_of(' ');
        method = line.substr(space + 1);
    }
    return "SIP " + status + "/" + method;
}

/**
 * \param type a control message type
 * \return its name
 */
const char*
ControlMessageName(MobilityControlHeader::MessageType type)
{
    switch (type)
    {
    case MobilityControlHeader::ADD_CHANGE:
        return "AddChange";
    case MobilityControlHeader::ADD_CONFIRM:
        return "AddConfirm";
    case MobilityControlHeader::KEY_SHARE:
        return "KeyShare";
    case MobilityControlHeader::REDIRECT_REQUEST:
        return "RedirectRequest";
    case MobilityControlHeader::REDIRECT_ACK:
        return "RedirectAck";
    }
    return "?";
}
} // namespace

HandoverTimeline::HandoverTimeline(Time binWidth)
    : m_binWidth(binWidth)
{
}

void
HandoverTimeline::Note(const std::string& host, std::vector<Time> HostEvents::*sink)
{
    (m_hosts[host].*sink).push_back(Simulator::Now());
}

void
HandoverTimeline::WatchStation(const std::string& host, Ptr<StaWifiMac> mac, Ptr<DhcpClient> dhcp)
{
    m_hosts[host]; // the host has a timeline even if it never moves
    mac->TraceConnectWithoutContext("DeAssoc",
                                    Callback<void, Mac48Address>([this, host](Mac48Address) {
                                        Note(host, &HostEvents::deassoc);
                                    }));
    mac->TraceConnectWithoutContext("Assoc",
                                    Callback<void, Mac48Address>([this, host](Mac48Address) {
                                        Note(host, &HostEvents::assoc);
                                    }));
    dhcp->TraceConnectWithoutContext(
        "NewLease",
        Callback<void, const Ipv4Address&>([this, host](const Ipv4Address& address) {
            m_hosts[host].leases.emplace_back(Simulator::Now(), address);
        }));
}

void
HandoverTimeline::WatchStream(Ptr<IntegrityApplication> receiver,
                              Ptr<IntegrityApplication> sender,
                              bool uplink)
{
    bool stream = false;
    DataRateValue rate;
    sender->GetAttribute("DataRate", rate);
    stream = rate.Get().GetBitRate() > 0;
    receiver->TraceConnectWithoutContext(
        "Rx",
        Callback<void, Ptr<const Packet>, uint64_t>(
            [this, sender, uplink, stream](Ptr<const Packet> packet, uint64_t offset) {
                Time now = Simulator::Now();
                m_receptions.push_back({now, packet->GetSize(), uplink});
                if (stream)
                {
                    m_delays.emplace_back(now, now - sender->GetDueTime(offset));
                }
            }));
}

void
HandoverTimeline::WatchTcp(Ptr<Socket> socket, Ptr<Socket> continues)
{
    auto known = continues ? m_highest.find(continues) : m_highest.end();
    std::shared_ptr<uint32_t> highest =
        known != m_highest.end() ? known->second : std::make_shared<uint32_t>(0);
    m_highest[socket] = highest;
    socket->TraceConnectWithoutContext(
        "Tx",
        Callback<void, Ptr<const Packet>, const TcpHeader&, Ptr<const TcpSocketBase>>(
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
    socket->TraceConnectWithoutContext("RTO",
                                       Callback<void, Time, Time>([this](Time old, Time now) {
                                           // Each expiry doubles the RTO (capped at 60 s).
                                           if (now == 2 * old ||
                                               (now == Seconds(60) && old >= Seconds(30)))
                                           {
                                               ++m_rtoExpiries;
                                           }
                                       }));
}

void
HandoverTimeline::WatchSink(Ptr<PacketSink> sink, bool uplink)
{
    sink->TraceConnectWithoutContext(
        "Rx",
        Callback<void, Ptr<const Packet>, const Address&>(
            [this, uplink](Ptr<const Packet> packet, const Address&) {
                m_receptions.push_back({Simulator::Now(), packet->GetSize(), uplink});
            }));
}

void
HandoverTimeline::WatchRelocatable(const std::string& host, Ptr<RelocatableTcpSocket> socket)
{
    std::string peer = host == "MH" ? "CH" : "MH";
    socket->TraceConnectWithoutContext("ChangeAnnounced",
                                       Callback<void>([this, host]() { NoteUpdateSent(host); }));
    socket->TraceConnectWithoutContext("ChangeConfirmed",
                                       Callback<void>([this, host]() { NoteConfirmed(host); }));
    socket->TraceConnectWithoutContext(
        "TcbUpdated",
        Callback<void, RelocatableTcpSocket::Direction, const Address&, const Address&>(
            [this,
             peer](RelocatableTcpSocket::Direction direction, const Address&, const Address&) {
                if (direction == RelocatableTcpSocket::DESTINATION)
                {
                    NotePeerUpdated(peer);
                }
            }));
}

void
HandoverTimeline::WatchUserAgent(const std::string& host, Ptr<SipUserAgent> agent)
{
    agent->TraceConnectWithoutContext(
        "UpdateSent",
        Callback<void, const AddChangeHeader&>(
            [this, host](const AddChangeHeader&) { NoteUpdateSent(host); }));
    agent->TraceConnectWithoutContext(
        "UpdateConfirmed",
        Callback<void, const AddConfirmHeader&, Time>(
            [this, host](const AddConfirmHeader&, Time) { NoteConfirmed(host); }));
}

void
HandoverTimeline::WatchSignalling(Ptr<Node> node)
{
    node->GetObject<Ipv4>()->TraceConnectWithoutContext(
        "Tx",
        MakeCallback(&HandoverTimeline::Transmitted, this));
}

void
HandoverTimeline::Transmitted(Ptr<const Packet> packet, Ptr<Ipv4> /* ipv4 */, uint32_t)
{
    Ipv4Header ip;
    uint32_t ipSize = packet->PeekHeader(ip);
    if (ip.GetProtocol() == 6)
    {
        // Nearly every packet is a TCP data segment or ACK: only one with URG
        // can carry a control message, so read its flags byte before copying.
        uint8_t head[60 + MobilityDemux::TCP_FLAGS_OFFSET + 1];
        uint32_t size = ipSize + MobilityDemux::TCP_FLAGS_OFFSET + 1;
        if (size > sizeof(head) || packet->CopyData(head, size) != size ||
            !(head[size - 1] & TcpHeader::URG))
        {
            return;
        }
    }
    Ptr<Packet> copy = packet->Copy();
    copy->RemoveHeader(ip);
    std::string name;
    if (ip.GetProtocol() == 17)
    {
        UdpHeader udp;
        copy->RemoveHeader(udp);
        if (udp.GetSourcePort() == SIP_PORT || udp.GetDestinationPort() == SIP_PORT)
        {
            std::string text(copy->GetSize(), '\0');
            copy->CopyData(reinterpret_cast<uint8_t*>(text.data()), text.size());
            name = SipMessageName(text);
        }
        else if (udp.GetDestinationPort() == 67 || udp.GetDestinationPort() == 68)
        {
            name = "DHCP";
        }
        else
        {
            // A mobility daemon's control message over UDP.
            MobilityControlHeader::MessageType type;
            uint64_t token;
            if (MobilityControlHeader::PeekEnvelope(copy, type, token))
            {
                name = std::string("UDP ") + ControlMessageName(type);
            }
        }
    }
    else if (ip.GetProtocol() == 6)
    {
        TcpHeader tcp;
        copy->RemoveHeader(tcp);
        MobilityControlHeader::MessageType type;
        uint64_t token;
        if (MobilityControlHeader::PeekEnvelope(copy, type, token))
        {
            name = ControlMessageName(type);
        }
    }
    if (!name.empty())
    {
        HandoverScenario::MessageStats& stats = m_signalling[name];
        ++stats.count;
        stats.bytes += packet->GetSize();
    }
}

void
HandoverTimeline::NoteUpdateSent(const std::string& host)
{
    Note(host, &HostEvents::updateSent);
}

void
HandoverTimeline::NotePeerUpdated(const std::string& mover)
{
    Note(mover, &HostEvents::peerUpdated);
}

void
HandoverTimeline::NoteConfirmed(const std::string& host)
{
    Note(host, &HostEvents::confirmed);
}

void
HandoverTimeline::NoteInterfaceHandoverStart(const std::string& host)
{
    Note(host, &HostEvents::interfaceStart);
}

void
HandoverTimeline::NoteInterfaceSwitched(const std::string& host)
{
    Note(host, &HostEvents::interfaceSwitched);
}

HandoverScenario::HandoverRecord
HandoverTimeline::InterfaceRecord(const std::string& host,
                                  const HostEvents& events,
                                  size_t i,
                                  double horizon) const
{
    HandoverScenario::HandoverRecord r;
    r.host = host;
    r.kind = "interface";
    r.startS = events.interfaceStart[i].GetSeconds();
    double next = i + 1 < events.interfaceStart.size() ? events.interfaceStart[i + 1].GetSeconds()
                                                       : horizon + 1;
    r.beaconLossS = NONE;
    r.reassociatedS = NONE;
    r.leaseS = FirstBetween(events.interfaceSwitched, r.startS, next);
    double from = std::isnan(r.leaseS) ? horizon + 1 : r.leaseS;
    r.updateSentS = FirstBetween(events.updateSent, from, next);
    r.peerUpdatedS = FirstBetween(events.peerUpdated, from, next);
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
    if (!completed)
    {
        r.firstNewByteS = NONE;
        r.disruptionS = NONE;
    }
    return r;
}

const std::vector<std::pair<Time, Ipv4Address>>&
HandoverTimeline::GetLeases(const std::string& host) const
{
    static const std::vector<std::pair<Time, Ipv4Address>> none;
    auto it = m_hosts.find(host);
    return it == m_hosts.end() ? none : it->second.leases;
}

void
HandoverTimeline::Finish(Time end, HandoverScenario::Result& result) const
{
    const double horizon = end.GetSeconds();
    for (const auto& [host, events] : m_hosts)
    {
        for (size_t i = 0; i < events.interfaceStart.size(); ++i)
        {
            result.handovers.push_back(InterfaceRecord(host, events, i, horizon));
        }
        if (!events.interfaceStart.empty())
        {
            continue; // the WiFi loss is part of the interface handover
        }
        std::vector<Time> leaseTimes;
        for (const auto& lease : events.leases)
        {
            leaseTimes.push_back(lease.first);
        }
        for (size_t i = 0; i < events.deassoc.size(); ++i)
        {
            HandoverScenario::HandoverRecord r;
            r.host = host;
            r.kind = "wifi";
            r.beaconLossS = events.deassoc[i].GetSeconds();
            r.startS = r.beaconLossS;
            double next =
                i + 1 < events.deassoc.size() ? events.deassoc[i + 1].GetSeconds() : horizon + 1;
            r.reassociatedS = FirstBetween(events.assoc, r.beaconLossS, next);
            r.leaseS = std::isnan(r.reassociatedS)
                           ? NONE
                           : FirstBetween(leaseTimes, r.reassociatedS, next);
            double from = std::isnan(r.leaseS) ? horizon + 1 : r.leaseS;
            r.updateSentS = FirstBetween(events.updateSent, from, next);
            r.peerUpdatedS = FirstBetween(events.peerUpdated, from, next);
            r.confirmedS = FirstBetween(events.confirmed, from, next);
            r.lastOldByteS = NONE;
            r.firstNewByteS = NONE;
            for (const Reception& rx : m_receptions)
            {
                double t = rx.time.GetSeconds();
                if (t <= r.beaconLossS)
                {
                    r.lastOldByteS = t;
                }
                else if (t > from && std::isnan(r.firstNewByteS))
                {
                    r.firstNewByteS = t;
                }
            }
            r.completed = !std::isnan(r.firstNewByteS);
            r.disruptionS = r.firstNewByteS - r.lastOldByteS;
            result.handovers.push_back(r);
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
    result.rtoExpiries = m_rtoExpiries;
    result.signalling = m_signalling;
}

} // namespace ns3
