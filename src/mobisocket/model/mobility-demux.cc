/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mobility-demux.h"

#include "migrate-option.h"

#include "ns3/abort.h"
#include "ns3/ipv4-interface.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv6-interface.h"
#include "ns3/ipv6-l3-protocol.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/random-variable-stream.h"
#include "ns3/simulator.h"
#include "ns3/tcp-header.h"
#include "ns3/tcp-l4-protocol.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MobiSocketDemux");

NS_OBJECT_ENSURE_REGISTERED(MobilityDemux);

namespace
{
/**
 * \brief Put the demux in a layer-3 protocol's table in place of its TCP.
 * \tparam L3 Ipv4L3Protocol or Ipv6L3Protocol
 * \param l3 the node's protocol
 * \param demux the demux
 * \param node the node (for messages)
 * \return the protocol that handled TCP there before
 */
template <class L3>
Ptr<IpL4Protocol>
TakeTcpSlot(Ptr<L3> l3, Ptr<MobilityDemux> demux, Ptr<Node> node)
{
    Ptr<IpL4Protocol> tcp = l3->GetProtocol(TcpL4Protocol::PROT_NUMBER);
    NS_ABORT_MSG_IF(!tcp,
                    "node " << node->GetId() << " has no protocol 6 in "
                            << l3->GetTypeId().GetName());
    l3->Remove(tcp);
    l3->Insert(demux);
    for (uint32_t i = 0; i < l3->GetNInterfaces(); ++i)
    {
        if (l3->GetProtocol(TcpL4Protocol::PROT_NUMBER, i) != demux)
        {
            NS_LOG_WARN("interface " << i << " of node " << node->GetId()
                                     << " has its own TCP entry; control segments arriving "
                                        "there bypass the mobility demux");
        }
    }
    return tcp;
}
} // namespace

MobilityDemux::Receiver::~Receiver() = default;

TypeId
MobilityDemux::GetTypeId()
{
    static TypeId tid = TypeId("ns3::MobilityDemux")
                            .SetParent<IpL4Protocol>()
                            .SetGroupName("MobiSocket")
                            .AddConstructor<MobilityDemux>()
                            .AddTraceSource("Drop",
                                            "A segment was consumed without reaching TCP.",
                                            MakeTraceSourceAccessor(&MobilityDemux::m_dropTrace),
                                            "ns3::MobilityDemux::DropTracedCallback");
    return tid;
}

MobilityDemux::MobilityDemux()
    : m_nonceRng(CreateObject<UniformRandomVariable>())
{
}

Ptr<MobilityDemux>
MobilityDemux::Install(Ptr<Node> node)
{
    NS_ABORT_MSG_IF(!node, "MobilityDemux::Install needs a node");
    Ptr<MobilityDemux> demux = node->GetObject<MobilityDemux>();
    if (demux)
    {
        return demux;
    }
    Ptr<Ipv4L3Protocol> ipv4 = node->GetObject<Ipv4L3Protocol>();
    Ptr<Ipv6L3Protocol> ipv6 = node->GetObject<Ipv6L3Protocol>();
    Ptr<TcpL4Protocol> tcp = node->GetObject<TcpL4Protocol>();
    NS_ABORT_MSG_IF((!ipv4 && !ipv6) || !tcp,
                    "node " << node->GetId()
                            << " has no IP/TCP stack: call InternetStackHelper::Install first");
    demux = CreateObject<MobilityDemux>();
    // Both families' tables: control segments and tombstones work the same
    // on IPv4 and IPv6 connections.
    if (ipv4)
    {
        demux->m_next = TakeTcpSlot(ipv4, demux, node);
    }
    if (ipv6)
    {
        demux->m_next6 = TakeTcpSlot(ipv6, demux, node);
    }
    node->AggregateObject(demux);
    return demux;
}

int
MobilityDemux::GetProtocolNumber() const
{
    return TcpL4Protocol::PROT_NUMBER;
}

bool
MobilityDemux::Register(uint64_t token, Receiver* receiver)
{
    auto it = m_registry.find(token);
    if (it != m_registry.end() && it->second != receiver && it->second->CanReceiveControl())
    {
        return false;
    }
    m_registry[token] = receiver;
    return true;
}

void
MobilityDemux::Unregister(uint64_t token, Receiver* receiver)
{
    auto it = m_registry.find(token);
    if (it != m_registry.end() && it->second == receiver)
    {
        m_registry.erase(it);
    }
}

MobilityDemux::Receiver*
MobilityDemux::Lookup(uint64_t token) const
{
    auto it = m_registry.find(token);
    if (it == m_registry.end() || !it->second->CanReceiveControl())
    {
        return nullptr;
    }
    return it->second;
}

void
MobilityDemux::AddTombstone(const IpAddress& localAddress,
                            uint16_t localPort,
                            const IpAddress& peerAddress,
                            uint16_t peerPort,
                            Time lifetime)
{
    Time now = Simulator::Now();
    for (auto it = m_tombstones.begin(); it != m_tombstones.end();)
    {
        it = (it->second <= now) ? m_tombstones.erase(it) : std::next(it);
    }
    m_tombstones[FourTuple(localAddress, localPort, peerAddress, peerPort)] = now + lifetime;
}

void
MobilityDemux::ClearTombstone(const IpAddress& localAddress,
                              uint16_t localPort,
                              const IpAddress& peerAddress,
                              uint16_t peerPort)
{
    m_tombstones.erase(FourTuple(localAddress, localPort, peerAddress, peerPort));
}

uint64_t
MobilityDemux::GetDeliveredCount() const
{
    return m_delivered;
}

uint64_t
MobilityDemux::GetDropCount(DropReason reason) const
{
    return m_drops.at(reason);
}

uint32_t
MobilityDemux::DrawNonce()
{
    uint32_t nonce = 0;
    while (nonce == 0)
    {
        nonce = m_nonceRng->GetInteger(1, 0xFFFFFFFFU);
    }
    return nonce;
}

int64_t
MobilityDemux::AssignStreams(int64_t stream)
{
    m_nonceRng->SetStream(stream);
    return 1;
}

void
MobilityDemux::Drop(Ptr<const Packet> p, const SegmentAddresses& addresses, DropReason reason)
{
    NS_LOG_LOGIC("drop segment from " << addresses.source << " reason " << reason);
    ++m_drops.at(reason);
    m_dropTrace(p, addresses.source, addresses.destination, reason);
}

bool
MobilityDemux::ChecksumOk(Ptr<const Packet> p, const SegmentAddresses& addresses) const
{
    if (!Node::ChecksumEnabled())
    {
        return true;
    }
    TcpHeader tcpHeader;
    tcpHeader.EnableChecksums();
    if (addresses.source.IsIpv6())
    {
        tcpHeader.InitializeChecksum(addresses.source.GetIpv6(),
                                     addresses.destination.GetIpv6(),
                                     TcpL4Protocol::PROT_NUMBER);
    }
    else
    {
        tcpHeader.InitializeChecksum(addresses.source.GetIpv4(),
                                     addresses.destination.GetIpv4(),
                                     TcpL4Protocol::PROT_NUMBER);
    }
    p->PeekHeader(tcpHeader);
    return tcpHeader.IsChecksumOk();
}

IpL4Protocol::RxStatus
MobilityDemux::Receive(Ptr<Packet> p,
                       const Ipv4Header& header,
                       Ptr<Ipv4Interface> incomingInterface)
{
    return ReceiveSegment(p, header, incomingInterface);
}

IpL4Protocol::RxStatus
MobilityDemux::Receive(Ptr<Packet> p,
                       const Ipv6Header& header,
                       Ptr<Ipv6Interface> incomingInterface)
{
    return ReceiveSegment(p, header, incomingInterface);
}

IpL4Protocol::RxStatus
MobilityDemux::PassOn(Ptr<Packet> p, const Ipv4Header& header, Ptr<Ipv4Interface> interface)
{
    return m_next->Receive(p, header, interface);
}

IpL4Protocol::RxStatus
MobilityDemux::PassOn(Ptr<Packet> p, const Ipv6Header& header, Ptr<Ipv6Interface> interface)
{
    return m_next6->Receive(p, header, interface);
}

template <class IpHeader, class Interface>
IpL4Protocol::RxStatus
MobilityDemux::ReceiveSegment(Ptr<Packet> p,
                              const IpHeader& header,
                              Ptr<Interface> incomingInterface)
{
    // Fast path: look only at the ports and the flags byte.
    uint8_t fixed[TCP_FLAGS_OFFSET + 1];
    if (p->GetSize() < sizeof(fixed))
    {
        return PassOn(p, header, incomingInterface);
    }
    p->CopyData(fixed, sizeof(fixed));
    const SegmentAddresses addresses{IpAddress(header.GetSource()),
                                     IpAddress(header.GetDestination())};

    // A control segment holds a whole TCP header (20 bytes at least, and
    // what its data offset says): shorter ones go to TCP as they are, rather
    // than having their header read past their end.
    const uint32_t headerLength = 4u * (fixed[TCP_FLAGS_OFFSET - 1] >> 4);
    if ((fixed[TCP_FLAGS_OFFSET] & TcpHeader::URG) && p->GetSize() >= 20 &&
        headerLength <= p->GetSize())
    {
        TcpHeader tcpHeader;
        uint32_t headerSize = p->PeekHeader(tcpHeader);
        Ptr<Packet> payload = p->CreateFragment(headerSize, p->GetSize() - headerSize);
        MobilityControlHeader::MessageType type;
        uint64_t token;
        if (MobilityControlHeader::PeekEnvelope(payload, type, token))
        {
            return Deliver(p, addresses, type, token, payload, tcpHeader.GetSourcePort());
        }
        uint8_t magic[4];
        if (payload->GetSize() >= 4 && payload->CopyData(magic, 4) == 4 &&
            ((uint32_t(magic[0]) << 24) | (uint32_t(magic[1]) << 16) | (uint32_t(magic[2]) << 8) |
             magic[3]) == MobilityControlHeader::MAGIC)
        {
            Drop(p, addresses, MALFORMED);
            return RX_OK;
        }
    }

    if ((fixed[TCP_FLAGS_OFFSET] & TcpHeader::SYN) && headerLength > 20 &&
        headerLength <= p->GetSize())
    {
        if (auto status = ReceiveMigrateSyn(p, addresses))
        {
            return *status;
        }
    }
    if (IsTombstoned(addresses, fixed))
    {
        Drop(p, addresses, TOMBSTONE);
        return RX_OK;
    }
    return PassOn(p, header, incomingInterface);
}

bool
MobilityDemux::IsTombstoned(const SegmentAddresses& addresses, const uint8_t* fixed)
{
    if (m_tombstones.empty())
    {
        return false;
    }
    uint16_t sport = (uint16_t(fixed[0]) << 8) | fixed[1];
    uint16_t dport = (uint16_t(fixed[2]) << 8) | fixed[3];
    auto it = m_tombstones.find(FourTuple(addresses.destination, dport, addresses.source, sport));
    if (it == m_tombstones.end())
    {
        return false;
    }
    if (it->second > Simulator::Now())
    {
        return true;
    }
    m_tombstones.erase(it);
    return false;
}

IpL4Protocol::RxStatus
MobilityDemux::Deliver(Ptr<const Packet> p,
                       const SegmentAddresses& addresses,
                       MobilityControlHeader::MessageType type,
                       uint64_t token,
                       Ptr<Packet> payload,
                       uint16_t sourcePort)
{
    if (!ChecksumOk(p, addresses))
    {
        Drop(p, addresses, BAD_CHECKSUM);
        return RX_CSUM_FAILED;
    }
    Receiver* receiver = Lookup(token);
    if (receiver == nullptr)
    {
        Drop(p, addresses, UNKNOWN_TOKEN);
        return RX_OK;
    }
    ++m_delivered;
    receiver->ReceiveControl(type, payload, addresses.source, sourcePort);
    return RX_OK;
}

std::optional<IpL4Protocol::RxStatus>
MobilityDemux::ReceiveMigrateSyn(Ptr<Packet> p, const SegmentAddresses& addresses)
{
    TcpHeader tcpHeader;
    p->PeekHeader(tcpHeader);
    std::vector<uint8_t> option;
    if (!MigrateOption::Find(tcpHeader, option))
    {
        return std::nullopt;
    }
    std::optional<MigrateOption::Fields> fields = MigrateOption::Decode(option);
    if (!fields)
    {
        Drop(p, addresses, MALFORMED);
        return RX_OK;
    }
    return Deliver(p,
                   addresses,
                   fields->type,
                   fields->token,
                   Create<Packet>(option.data(), option.size()),
                   tcpHeader.GetSourcePort());
}

void
MobilityDemux::ReceiveIcmp(Ipv4Address icmpSource,
                           uint8_t icmpTtl,
                           uint8_t icmpType,
                           uint8_t icmpCode,
                           uint32_t icmpInfo,
                           Ipv4Address payloadSource,
                           Ipv4Address payloadDestination,
                           const uint8_t payload[8])
{
    m_next->ReceiveIcmp(icmpSource,
                        icmpTtl,
                        icmpType,
                        icmpCode,
                        icmpInfo,
                        payloadSource,
                        payloadDestination,
                        payload);
}

void
MobilityDemux::ReceiveIcmp(Ipv6Address icmpSource,
                           uint8_t icmpTtl,
                           uint8_t icmpType,
                           uint8_t icmpCode,
                           uint32_t icmpInfo,
                           Ipv6Address payloadSource,
                           Ipv6Address payloadDestination,
                           const uint8_t payload[8])
{
    m_next6->ReceiveIcmp(icmpSource,
                         icmpTtl,
                         icmpType,
                         icmpCode,
                         icmpInfo,
                         payloadSource,
                         payloadDestination,
                         payload);
}

void
MobilityDemux::SetDownTarget(DownTargetCallback cb)
{
    if (m_next)
    {
        m_next->SetDownTarget(cb);
    }
}

void
MobilityDemux::SetDownTarget6(DownTargetCallback6 cb)
{
    if (m_next6)
    {
        m_next6->SetDownTarget6(cb);
    }
}

IpL4Protocol::DownTargetCallback
MobilityDemux::GetDownTarget() const
{
    return m_next ? m_next->GetDownTarget() : DownTargetCallback();
}

IpL4Protocol::DownTargetCallback6
MobilityDemux::GetDownTarget6() const
{
    return m_next6 ? m_next6->GetDownTarget6() : DownTargetCallback6();
}

void
MobilityDemux::DoDispose()
{
    m_registry.clear();
    m_tombstones.clear();
    m_next = nullptr;
    m_next6 = nullptr;
    m_nonceRng = nullptr;
    IpL4Protocol::DoDispose();
}

} // namespace ns3
