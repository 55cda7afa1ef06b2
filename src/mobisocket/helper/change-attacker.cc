/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "change-attacker.h"

#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/log.h"
#include "ns3/ns3-compat.h"
#include "ns3/simulator.h"
#include "ns3/tcp-header.h"
#include "ns3/tcp-l4-protocol.h"
#include "ns3/uinteger.h"

#include <memory>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MobiSocketChangeAttacker");

NS_OBJECT_ENSURE_REGISTERED(ChangeAttacker);

TypeId
ChangeAttacker::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::ChangeAttacker")
            .SetParent<Application>()
            .SetGroupName("MobiSocket")
            .AddConstructor<ChangeAttacker>()
            .AddAttribute("Position",
                          "Off the path (guesses) or on it (sees what a tapped router forwards).",
                          EnumValue(ChangeAttacker::OFF_PATH),
                          MakeEnumAccessorOf<ChangeAttacker::Position>(&ChangeAttacker::m_position),
                          MakeEnumChecker(ChangeAttacker::OFF_PATH,
                                          "OffPath",
                                          ChangeAttacker::ON_PATH,
                                          "OnPath"))
            .AddAttribute(
                "Action",
                "Forge fresh updates, or replay the last genuine one (on-path).",
                EnumValue(ChangeAttacker::FORGE),
                MakeEnumAccessorOf<ChangeAttacker::Action>(&ChangeAttacker::m_action),
                MakeEnumChecker(ChangeAttacker::FORGE, "Forge", ChangeAttacker::REPLAY, "Replay"))
            .AddAttribute("Rate",
                          "Messages per second.",
                          DoubleValue(10),
                          MakeDoubleAccessor(&ChangeAttacker::m_rate),
                          MakeDoubleChecker<double>(1e-3, 1e6))
            .AddAttribute("Port",
                          "The port the forged updates name as the mover's new one (and "
                          "their TCP source port).",
                          UintegerValue(6666),
                          MakeUintegerAccessor(&ChangeAttacker::m_port),
                          MakeUintegerChecker<uint16_t>(1));
    return tid;
}

ChangeAttacker::ChangeAttacker()
    : m_guess(CreateObject<UniformRandomVariable>())
{
}

void
ChangeAttacker::SetTarget(Ptr<AttackSurface> surface, const AttackKnowledge& knowledge)
{
    NS_ABORT_MSG_IF(!surface, "ChangeAttacker::SetTarget: no attack surface");
    m_surface = surface;
    m_knowledge = knowledge;
}

void
ChangeAttacker::SetPath(Ptr<Node> router)
{
    NS_ABORT_MSG_IF(!router || !router->GetObject<Ipv4L3Protocol>(),
                    "ChangeAttacker::SetPath: no router with an IPv4 stack");
    m_router = router;
    // From now on, the handshake included: an off-path attacker ignores it
    // (Overheard). What the router forwards, and what its own applications
    // (a SIP proxy) receive and send.
    Ptr<Ipv4L3Protocol> ip = router->GetObject<Ipv4L3Protocol>();
    for (const char* trace : {"UnicastForward", "LocalDeliver", "SendOutgoing"})
    {
        ip->TraceConnectWithoutContext(trace, MakeCallback(&ChangeAttacker::Overheard, this));
    }
}

int64_t
ChangeAttacker::AssignStreams(int64_t stream)
{
    m_guess->SetStream(stream);
    return 1;
}

uint64_t
ChangeAttacker::GetSent() const
{
    return m_sent;
}

uint64_t
ChangeAttacker::GetSkipped() const
{
    return m_skipped;
}

const AttackKnowledge&
ChangeAttacker::GetKnowledge() const
{
    return m_knowledge;
}

void
ChangeAttacker::DoDispose()
{
    m_tick.Cancel();
    m_surface = nullptr;
    m_router = nullptr;
    m_knowledge.capturedUpdate = nullptr;
    Application::DoDispose();
}

void
ChangeAttacker::StartApplication()
{
    NS_ABORT_MSG_IF(!m_surface, "ChangeAttacker: SetTarget was not called");
    NS_ABORT_MSG_IF(m_action == REPLAY && m_position == OFF_PATH,
                    "ChangeAttacker: an off-path attacker has nothing to replay");
    NS_ABORT_MSG_IF(m_position == ON_PATH && !m_router,
                    "ChangeAttacker: on the path of no router (SetPath)");
    m_tick = Simulator::ScheduleNow(&ChangeAttacker::Tick, this);
}

void
ChangeAttacker::StopApplication()
{
    m_tick.Cancel();
}

void
ChangeAttacker::Tick()
{
    Ptr<Packet> message;
    if (m_action == REPLAY)
    {
        message = m_knowledge.capturedUpdate ? m_knowledge.capturedUpdate->Copy() : nullptr;
    }
    else
    {
        message = Forge();
    }
    if (message)
    {
        ++m_sent;
        m_surface->Send(GetNode(), message, GetOwnAddress(), m_port, m_knowledge);
    }
    else
    {
        ++m_skipped;
    }
    m_tick = Simulator::Schedule(Seconds(1.0 / m_rate), &ChangeAttacker::Tick, this);
}

Ptr<Packet>
ChangeAttacker::Forge()
{
    std::unique_ptr<AddressUpdateHeader> update =
        AddressUpdateHeader::Create(m_surface->GetUpdateType());
    if (m_position == ON_PATH)
    {
        if (!m_surface->CanAddress(m_knowledge))
        {
            return nullptr;
        }
        update->SetToken(m_knowledge.token);
        update->SetSequence(m_knowledge.lastSequence + 1 + m_forged++);
    }
    else
    {
        auto half = [this]() { return uint64_t(m_guess->GetInteger(0, 0xFFFFFFFFU)); };
        update->SetToken((half() << 32) | half());
        update->SetSequence(static_cast<uint32_t>(half()));
    }
    update->SetOldAddress(m_knowledge.moverAddress);
    update->SetNewAddress(GetOwnAddress());
    update->SetNewPort(m_port);
    if (update->GetAuthenticatorSize() == MobilityControlHeader::SIGNATURE_SIZE)
    {
        update->SetSignature(RandomBytes<Ed25519Signature>());
    }
    else
    {
        update->SetMac(RandomBytes<MacTag>());
    }
    return update->ToPacket();
}

template <class Bytes>
Bytes
ChangeAttacker::RandomBytes() const
{
    // No key: random bytes of the authenticator's size.
    Bytes bytes;
    for (auto& byte : bytes)
    {
        byte = static_cast<uint8_t>(m_guess->GetInteger(0, 255));
    }
    return bytes;
}

void
ChangeAttacker::Overheard(const Ipv4Header& ip, Ptr<const Packet> packet, uint32_t /* interface */)
{
    if (m_position == OFF_PATH || !m_surface ||
        (ip.GetSource() != m_knowledge.victimAddress &&
         ip.GetDestination() != m_knowledge.victimAddress) ||
        ip.GetSource() == GetOwnAddress())
    {
        return;
    }
    if (ip.GetProtocol() == TcpL4Protocol::PROT_NUMBER &&
        ip.GetSource() == m_knowledge.victimAddress)
    {
        // The connection's 4-tuple as the victim has it: what it sends. (The
        // mover's segments from a new address come before the victim
        // accepted it; an update naming that address as the old one would
        // be refused unchecked.)
        TcpHeader tcp;
        packet->PeekHeader(tcp);
        m_knowledge.victimPort = tcp.GetSourcePort();
        m_knowledge.moverPort = tcp.GetDestinationPort();
        m_knowledge.moverAddress = ip.GetDestination();
    }
    m_surface->Observe(ip, packet, m_knowledge);
}

Ipv4Address
ChangeAttacker::GetOwnAddress() const
{
    Ptr<Ipv4> ip = GetNode()->GetObject<Ipv4>();
    return ip->GetAddress(1, 0).GetLocal();
}

} // namespace ns3
