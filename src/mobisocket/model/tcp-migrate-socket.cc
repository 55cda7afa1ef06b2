/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-migrate-socket.h"

#include "dns-message.h"
#include "dns-rendezvous-client.h"
#include "migrate-option.h"
#include "tcp-option-experimental.h"

#include "ns3/log.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MobiSocketTcpMigrate");

NS_OBJECT_ENSURE_REGISTERED(TcpMigrateSocket);

TypeId
TcpMigrateSocket::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::TcpMigrateSocket")
            .SetParent<KeyAgreeingTcpSocket>()
            .SetGroupName("MobiSocket")
            .AddConstructor<TcpMigrateSocket>()
            .AddAttribute("MigrateWaitTimeout",
                          "How long a connection whose host lost its address holds "
                          "(MIGRATE_WAIT, timers frozen) waiting to migrate. The draft "
                          "suggests 2 MSL; RFC 793's MSL is 2 minutes.",
                          TimeValue(Seconds(240)),
                          MakeTimeAccessor(&TcpMigrateSocket::m_migrateWaitTimeout),
                          MakeTimeChecker(Seconds(0)))
            .AddTraceSource("PeerLocated",
                            "A DNS lookup found the peer at another address: the "
                            "connection's peer and its Migrate SYN go there.",
                            MakeTraceSourceAccessor(&TcpMigrateSocket::m_peerLocatedTrace),
                            "ns3::TcpMigrateSocket::PeerLocatedTracedCallback");
    return tid;
}

#if MOBISOCKET_OBJECT_OVERRIDES_INSTANCE_TYPE_ID
TypeId
TcpMigrateSocket::GetInstanceTypeId() const
{
    return TcpMigrateSocket::GetTypeId();
}
#endif

TcpMigrateSocket::TcpMigrateSocket()
    : KeyAgreeingTcpSocket()
{
    NS_LOG_FUNCTION(this);
    SetNegotiationExid(MigrateOption::PERMITTED_EXID);
    SetOffered(true);
    GetExchange()->SetMessageType(MobilityControlHeader::MIGRATE_SYN);
}

TcpMigrateSocket::TcpMigrateSocket(const TcpMigrateSocket& other)
    : KeyAgreeingTcpSocket(other),
      m_migrateWaitTimeout(other.m_migrateWaitTimeout)
{
    NS_LOG_FUNCTION(this);
}

TcpMigrateSocket::~TcpMigrateSocket()
{
    NS_LOG_FUNCTION(this);
    m_migrateWaitEvent.Cancel();
    m_resendEvent.Cancel();
}

void
TcpMigrateSocket::DoDispose()
{
    m_migrateWaitEvent.Cancel();
    m_resendEvent.Cancel();
    m_resolver = nullptr;
    KeyAgreeingTcpSocket::DoDispose();
}

Ptr<TcpSocketBase>
TcpMigrateSocket::Fork()
{
    return CopyObject<TcpMigrateSocket>(this);
}

uint32_t
TcpMigrateSocket::GetMigrateWaitExpiries() const
{
    return m_migrateWaitExpiries;
}

// ------------------------------------------------------------------------------------------
// MIGRATE_WAIT

void
TcpMigrateSocket::HoldStateChanged(HoldState oldState, HoldState newState)
{
    if (newState == NORMAL)
    {
        m_migrateWaitEvent.Cancel();
    }
    else if (oldState == NORMAL && !IsEventPending(m_migrateWaitEvent))
    {
        m_migrateWaitEvent =
            Simulator::Schedule(m_migrateWaitTimeout, &TcpMigrateSocket::MigrateWaitExpired, this);
    }
}

void
TcpMigrateSocket::MigrateWaitExpired()
{
    NS_LOG_INFO("MIGRATE_WAIT expired: the retransmission timer runs again");
    ++m_migrateWaitExpiries;
    SetHoldState(NORMAL);
    ThawRetransmissionTimer();
}

// ------------------------------------------------------------------------------------------
// The Migrate SYN and its SYN/ACK

void
TcpMigrateSocket::SendUpdate(const AddressUpdateHeader& message)
{
    if (message.GetSequence() == m_lastRequestSent && GetPeerAddress() == m_lastSentTo)
    {
        // Unanswered where it went: the peer may have moved too.
        LookUpPeer();
    }
    m_lastRequestSent = message.GetSequence();
    m_lastSentTo = GetPeerAddress();
    SendMigrateOption(TcpHeader::SYN, message);
}

void
TcpMigrateSocket::SendConfirm(const AddressConfirmHeader& message)
{
    SendMigrateOption(TcpHeader::SYN | TcpHeader::ACK, message);
}

void
TcpMigrateSocket::SendMigrateOption(uint8_t flags, const MobilityControlHeader& message)
{
    auto option =
        CreateObject<TcpOptionExperimental>(MigrateOption::EXID, MigrateOption::Encode(message));
    if (!SendOptionSegment(flags, option))
    {
        NS_LOG_WARN("the Migrate " << (flags & TcpHeader::ACK ? "SYN/ACK" : "SYN")
                                   << " could not be sent");
    }
}

void
TcpMigrateSocket::ReceiveOtherControl(MobilityControlHeader::MessageType type,
                                      Ptr<Packet> payload,
                                      const IpAddress& source,
                                      uint16_t sourcePort)
{
    if (type != MobilityControlHeader::MIGRATE_SYN &&
        type != MobilityControlHeader::MIGRATE_SYN_ACK)
    {
        KeyAgreeingTcpSocket::ReceiveOtherControl(type, payload, source, sourcePort);
        return;
    }
    std::vector<uint8_t> bytes(payload->GetSize());
    payload->CopyData(bytes.data(), bytes.size());
    std::optional<MigrateOption::Fields> fields = MigrateOption::Decode(bytes);
    if (!fields || fields->type != type)
    {
        return GetExchange()->Reject(type, ChangeRejectReason::MALFORMED);
    }
    ChangeExchange::Origin origin;
    origin.address = source;
    origin.port = sourcePort;
    if (type == MobilityControlHeader::MIGRATE_SYN)
    {
        // The old address is not on the wire: the one this end knows the
        // peer by is what the tag must cover.
        MigrateSynHeader update;
        MigrateOption::Fill(*fields, update);
        update.SetOldAddress(OldAddressFor(fields->request));
        update.SetNewAddress(source);
        update.SetNewPort(sourcePort);
        GetExchange()->ReceiveUpdate(update, origin);
        return;
    }
    MigrateSynAckHeader confirm;
    MigrateOption::Fill(*fields, confirm);
    confirm.SetNewAddress(GetLocalAddress());
    confirm.SetNewPort(GetLocalPort());
    GetExchange()->ReceiveConfirm(confirm, origin);
}

// ------------------------------------------------------------------------------------------
// The peer's addresses

IpAddress
TcpMigrateSocket::GetExchangePeerAddress() const
{
    return m_peerAuthenticated.value_or(GetPeerAddress());
}

IpAddress
TcpMigrateSocket::GetExchangeDestination() const
{
    return GetPeerAddress();
}

IpAddress
TcpMigrateSocket::OldAddressFor(uint32_t request) const
{
    return request != 0 && request == m_migratedRequest ? m_migratedFrom : GetExchangePeerAddress();
}

bool
TcpMigrateSocket::MovePeer(const AddressUpdateHeader& update)
{
    if (!KeyAgreeingTcpSocket::MovePeer(update))
    {
        return false;
    }
    m_migratedFrom = update.GetOldAddress();
    m_migratedRequest = update.GetSequence();
    m_peerAuthenticated = update.GetNewAddress();
    if (GetExchange()->IsPending() && !IsEventPending(m_resendEvent))
    {
        // Both ends moved: ours waits where the peer was; it is here now.
        m_resendEvent = Simulator::ScheduleNow(&TcpMigrateSocket::ResendToMovedPeer, this);
    }
    return true;
}

void
TcpMigrateSocket::ResendToMovedPeer()
{
    if (GetPeerAddress() != m_lastSentTo)
    {
        GetExchange()->ResendPending();
    }
}

// ------------------------------------------------------------------------------------------
// The rendezvous

int
TcpMigrateSocket::SetRendezvous(Ptr<DnsRendezvousClient> resolver, const std::string& peerName)
{
    if (!resolver || !DnsName::IsValid(peerName))
    {
        NS_LOG_WARN("SetRendezvous: " << (resolver ? "invalid name " + peerName : "no resolver"));
        SetErrno(ERROR_INVAL);
        return -1;
    }
    m_resolver = resolver;
    m_peerName = peerName;
    return 0;
}

uint32_t
TcpMigrateSocket::GetPeerLookups() const
{
    return m_peerLookups;
}

uint32_t
TcpMigrateSocket::GetPeersLocated() const
{
    return m_peersLocated;
}

void
TcpMigrateSocket::LookUpPeer()
{
    if (!m_resolver || m_lookupPending)
    {
        return;
    }
    auto status = m_resolver->Resolve(
        m_peerName,
        MakeCallback(&TcpMigrateSocket::PeerResolved, Ptr<TcpMigrateSocket>(this)));
    if (status != DnsRendezvousClient::PENDING)
    {
        NS_LOG_WARN("cannot look " << m_peerName
                                   << " up: " << DnsRendezvousClient::GetStatusName(status));
        return;
    }
    NS_LOG_INFO("Migrate SYN unanswered: looking " << m_peerName << " up");
    m_lookupPending = true;
    ++m_peerLookups;
}

void
TcpMigrateSocket::PeerResolved(bool found, Ipv4Address address)
{
    m_lookupPending = false;
    const Ipv4Address old = GetPeerAddress().GetIpv4();
    if (!found || !CanRelocate() || !GetExchange()->IsPending() || address == old)
    {
        return;
    }
    m_peerAuthenticated = GetExchangePeerAddress();
    if (!RelocatePeer(address, 0))
    {
        return;
    }
    NS_LOG_INFO(m_peerName << " is at " << address << " now, not " << old);
    ++m_peersLocated;
    m_peerLocatedTrace(old, address);
    GetExchange()->ResendPending();
}

} // namespace ns3
