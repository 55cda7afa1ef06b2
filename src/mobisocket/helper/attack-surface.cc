/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "attack-surface.h"

#include "ns3/signalling-tcp-socket.h"
#include "ns3/tcp-header.h"
#include "ns3/tcp-l4-protocol.h"
#include "ns3/udp-header.h"
#include "ns3/udp-l4-protocol.h"

#include <algorithm>
#include <memory>

namespace ns3
{

AttackSurface::AttackSurface(MobilityControlHeader::MessageType updateType)
    : m_updateType(updateType)
{
}

AttackSurface::~AttackSurface() = default;

MobilityControlHeader::MessageType
AttackSurface::GetUpdateType() const
{
    return m_updateType;
}

void
AttackSurface::Learn(Ptr<const Packet> message, Ipv4Address from, AttackKnowledge& knowledge) const
{
    MobilityControlHeader::MessageType type;
    uint64_t token = 0;
    if (!MobilityControlHeader::PeekEnvelope(message, type, token))
    {
        return;
    }
    knowledge.token = token;
    if (type != m_updateType)
    {
        return;
    }
    std::unique_ptr<AddressUpdateHeader> update = AddressUpdateHeader::Create(type);
    if (message->PeekHeader(*update) == 0 || !update->IsWellFormed())
    {
        return;
    }
    knowledge.lastSequence = std::max(knowledge.lastSequence, update->GetSequence());
    knowledge.capturedUpdate = message->Copy();
    knowledge.capturedFrom = from;
}

// ---------------------------------------------------------------------------------------------

TcpControlSurface::TcpControlSurface(MobilityControlHeader::MessageType updateType, uint16_t exid)
    : AttackSurface(updateType),
      m_exid(exid)
{
}

std::string
TcpControlSurface::GetName() const
{
    return "tcp-control-segment";
}

void
TcpControlSurface::Observe(const Ipv4Header& ip,
                           Ptr<const Packet> l4,
                           AttackKnowledge& knowledge) const
{
    if (ip.GetProtocol() != TcpL4Protocol::PROT_NUMBER)
    {
        return;
    }
    Ptr<Packet> copy = l4->Copy();
    TcpHeader tcp;
    if (copy->RemoveHeader(tcp) == 0)
    {
        return;
    }
    uint8_t flags = tcp.GetFlags();
    if (flags & TcpHeader::SYN)
    {
        // The SYN's nonce is the token's high half, the SYN+ACK's the low half.
        uint32_t nonce = SignallingTcpSocket::ReadNegotiationNonce(tcp, m_exid);
        uint64_t token = knowledge.token;
        token = (flags & TcpHeader::ACK) ? SignallingTcpSocket::MakeToken(token >> 32, nonce)
                                         : SignallingTcpSocket::MakeToken(nonce, 0);
        knowledge.token = nonce == 0 ? 0 : token;
        return;
    }
    if ((flags & TcpHeader::URG) && copy->GetSize() > 0)
    {
        Learn(copy, ip.GetSource(), knowledge);
    }
}

void
TcpControlSurface::Send(Ptr<Node> attacker,
                        Ptr<Packet> message,
                        Ipv4Address source,
                        uint16_t sourcePort,
                        const AttackKnowledge& knowledge) const
{
    // As SignallingTcpSocket sends its control segments: URG|ACK, the urgent
    // pointer covering the message.
    TcpHeader header;
    header.SetFlags(TcpHeader::ACK | TcpHeader::URG);
    header.SetSourcePort(sourcePort);
    header.SetDestinationPort(knowledge.victimPort);
    header.SetWindowSize(65535);
    header.SetUrgentPointer(static_cast<uint16_t>(message->GetSize()));
    attacker->GetObject<TcpL4Protocol>()->SendPacket(message,
                                                     header,
                                                     source,
                                                     knowledge.victimAddress);
}

// ---------------------------------------------------------------------------------------------

DaemonDatagramSurface::DaemonDatagramSurface(uint16_t port)
    : AttackSurface(MobilityControlHeader::REDIRECT_REQUEST),
      m_port(port)
{
}

std::string
DaemonDatagramSurface::GetName() const
{
    return "daemon-datagram";
}

void
DaemonDatagramSurface::Observe(const Ipv4Header& ip,
                               Ptr<const Packet> l4,
                               AttackKnowledge& knowledge) const
{
    if (ip.GetProtocol() != UdpL4Protocol::PROT_NUMBER)
    {
        return;
    }
    Ptr<Packet> copy = l4->Copy();
    UdpHeader udp;
    if (copy->RemoveHeader(udp) == 0 || udp.GetDestinationPort() != m_port)
    {
        return;
    }
    Learn(copy, ip.GetSource(), knowledge);
}

void
DaemonDatagramSurface::Send(Ptr<Node> attacker,
                            Ptr<Packet> message,
                            Ipv4Address source,
                            uint16_t /* sourcePort */,
                            const AttackKnowledge& knowledge) const
{
    attacker->GetObject<UdpL4Protocol>()->Send(message,
                                               source,
                                               knowledge.victimAddress,
                                               m_port,
                                               m_port);
}

} // namespace ns3
