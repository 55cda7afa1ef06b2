/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-migrate-socket.h"

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
                          MakeTimeChecker(Seconds(0)));
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
    ConnectHoldState();
}

TcpMigrateSocket::TcpMigrateSocket(const TcpMigrateSocket& other)
    : KeyAgreeingTcpSocket(other),
      m_migrateWaitTimeout(other.m_migrateWaitTimeout)
{
    NS_LOG_FUNCTION(this);
    ConnectHoldState();
}

TcpMigrateSocket::~TcpMigrateSocket()
{
    NS_LOG_FUNCTION(this);
    m_migrateWaitEvent.Cancel();
}

void
TcpMigrateSocket::DoDispose()
{
    m_migrateWaitEvent.Cancel();
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
TcpMigrateSocket::ConnectHoldState()
{
    m_holdState.ConnectWithoutContext(MakeCallback(&TcpMigrateSocket::HoldStateChanged, this));
}

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
    m_holdState = NORMAL;
    ThawRetransmissionTimer();
}

// ------------------------------------------------------------------------------------------
// The Migrate SYN and its SYN/ACK

void
TcpMigrateSocket::SendUpdate(const AddressUpdateHeader& message)
{
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
                                      Ipv4Address source,
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
        // The old address is not on the wire: the one this end knows is
        // what the tag must cover.
        MigrateSynHeader update;
        MigrateOption::Fill(*fields, update);
        update.SetOldAddress(GetPeerAddress());
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

} // namespace ns3
