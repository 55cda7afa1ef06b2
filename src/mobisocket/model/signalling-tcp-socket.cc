/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#define NS_LOG_APPEND_CONTEXT                                                                      \
    if (GetNode())                                                                                 \
    {                                                                                              \
        std::clog << " [node " << GetNode()->GetId() << "] ";                                      \
    }

#include "signalling-tcp-socket.h"

#include "tcp-option-experimental.h"

#include "ns3/boolean.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/random-variable-stream.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MobiSocketSignallingTcpSocket");

NS_OBJECT_ENSURE_REGISTERED(SignallingTcpSocket);

TypeId
SignallingTcpSocket::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::SignallingTcpSocket")
            .SetParent<RelocatableTcpSocket>()
            .SetGroupName("MobiSocket")
            .AddAttribute("ChangeRetries",
                          "Retransmissions of an unconfirmed in-band update before giving up. "
                          "The first timeout is the unbacked-off RTO, doubling each time (at "
                          "most 60 s).",
                          UintegerValue(6),
                          MakeUintegerAccessor(&SignallingTcpSocket::m_changeRetries),
                          MakeUintegerChecker<uint32_t>(0, 16))
            .AddAttribute("ResetTimerAfterChange",
                          "In the in-band exchange, restart transmission without backoff "
                          "(ResetTimer) when a change completes: on the peer once it has "
                          "answered, on the mover once the answer is authenticated.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&SignallingTcpSocket::SetResetTimerAfterChange,
                                              &SignallingTcpSocket::GetResetTimerAfterChange),
                          MakeBooleanChecker());
    return tid;
}

SignallingTcpSocket::SignallingTcpSocket()
    : RelocatableTcpSocket()
{
    NS_LOG_FUNCTION(this);
    AttachNewExchange(MobilityControlHeader::ADD_CHANGE, true);
}

SignallingTcpSocket::SignallingTcpSocket(const SignallingTcpSocket& other)
    : RelocatableTcpSocket(other),
      MobilityDemux::Receiver(),
      ChangeExchange::Connection(),
      ChangeExchange::Transport(),
      m_exid(other.m_exid),
      m_offered(other.m_offered),
      m_changeRetries(other.m_changeRetries),
      m_resetTimerAfterChange(other.m_resetTimerAfterChange)
{
    NS_LOG_FUNCTION(this);
    AttachNewExchange(other.m_exchange->GetUpdateType(), other.m_resetTimerAfterChange);
}

SignallingTcpSocket::~SignallingTcpSocket()
{
    NS_LOG_FUNCTION(this);
    UnregisterToken();
}

void
SignallingTcpSocket::DoDispose()
{
    UnregisterToken();
    if (m_exchange)
    {
        m_exchange->Dispose();
        m_exchange = nullptr;
    }
    RelocatableTcpSocket::DoDispose();
}

void
SignallingTcpSocket::AttachNewExchange(MobilityControlHeader::MessageType messageType,
                                       bool resetTimer)
{
    m_exchange = CreateObject<ChangeExchange>();
    m_exchange->SetConnection(this);
    m_exchange->SetTransport(this);
    m_exchange->SetMessageType(messageType);
    m_exchange->SetResetTimer(resetTimer);
}

void
SignallingTcpSocket::SetResetTimerAfterChange(bool resetTimer)
{
    m_resetTimerAfterChange = resetTimer;
    if (m_exchange)
    {
        m_exchange->SetResetTimer(resetTimer);
    }
}

bool
SignallingTcpSocket::GetResetTimerAfterChange() const
{
    return m_resetTimerAfterChange;
}

uint64_t
SignallingTcpSocket::GetToken() const
{
    return m_token;
}

Ptr<ChangeExchange>
SignallingTcpSocket::GetExchange() const
{
    return m_exchange;
}

uint32_t
SignallingTcpSocket::GetAnnouncementTransmissions() const
{
    return m_exchange->GetCounters().transmissions;
}

uint32_t
SignallingTcpSocket::GetRejectCount(ChangeRejectReason reason) const
{
    return m_exchange->GetCounters().GetRejects(reason);
}

uint32_t
SignallingTcpSocket::GetChangeRetries() const
{
    return m_changeRetries;
}

// ---------------------------------------------------------------------------------------------
// Negotiation

void
SignallingTcpSocket::SetNegotiationExid(uint16_t exid)
{
    m_exid = exid;
}

void
SignallingTcpSocket::SetOffered(bool offered)
{
    m_offered = offered;
}

bool
SignallingTcpSocket::IsOffered() const
{
    return m_offered;
}

bool
SignallingTcpSocket::IsNegotiated() const
{
    return m_offered && m_peerOffered && IsSynchronized();
}

bool
SignallingTcpSocket::IsRetentionActive() const
{
    return IsNegotiated();
}

bool
SignallingTcpSocket::IsInitiator() const
{
    return m_isInitiator;
}

uint32_t
SignallingTcpSocket::DrawNonce() const
{
    Ptr<MobilityDemux> demux = GetNode() ? GetNode()->GetObject<MobilityDemux>() : nullptr;
    return demux ? demux->DrawNonce()
                 : CreateObject<UniformRandomVariable>()->GetInteger(1, 0xFFFFFFFFU);
}

int
SignallingTcpSocket::Connect(const Address& address)
{
    if (GetState() == CLOSED || GetState() == LISTEN)
    {
        m_isInitiator = true;
        m_peerOffered = false;
        if (m_offered && m_exid != 0)
        {
            m_localNonce = DrawNonce();
        }
    }
    return RelocatableTcpSocket::Connect(address);
}

void
SignallingTcpSocket::AddSynOptions(TcpHeader& header) const
{
    if (!m_offered || m_exid == 0 || m_localNonce == 0 || IsSynchronized())
    {
        return; // nothing to offer, or a SYN of an established connection (TCP Migrate's)
    }
    bool synAck = header.GetFlags() & TcpHeader::ACK;
    if (synAck && !m_peerOffered)
    {
        return; // only answer an offer
    }
    std::vector<uint8_t> payload{NEGOTIATION_VERSION,
                                 static_cast<uint8_t>(m_localNonce >> 24),
                                 static_cast<uint8_t>(m_localNonce >> 16),
                                 static_cast<uint8_t>(m_localNonce >> 8),
                                 static_cast<uint8_t>(m_localNonce)};
    if (!header.AppendOption(CreateObject<TcpOptionExperimental>(m_exid, payload)))
    {
        NS_LOG_WARN("no option space left for the negotiation option");
    }
}

uint32_t
SignallingTcpSocket::ReadNegotiationNonce(const TcpHeader& header, uint16_t exid)
{
    std::vector<uint8_t> payload;
    if (exid == 0 || !TcpOptionExperimental::Find(header, exid, payload) || payload.size() < 5 ||
        payload[0] < NEGOTIATION_VERSION)
    {
        return 0;
    }
    return (uint32_t(payload[1]) << 24) | (uint32_t(payload[2]) << 16) |
           (uint32_t(payload[3]) << 8) | payload[4];
}

uint64_t
SignallingTcpSocket::MakeToken(uint32_t initiatorNonce, uint32_t responderNonce)
{
    return (uint64_t(initiatorNonce) << 32) | responderNonce;
}

void
SignallingTcpSocket::ReadSynOptions(const TcpHeader& header)
{
    m_peerOffered = false;
    uint32_t nonce = ReadNegotiationNonce(header, m_exid);
    if (nonce == 0)
    {
        return;
    }
    m_peerOffered = true;
    if (!m_offered)
    {
        return;
    }
    if (!m_isInitiator)
    {
        // A forked socket answering a SYN: draw our half before the SYN+ACK goes out.
        m_localNonce = DrawNonce();
    }
    RegisterToken(m_isInitiator ? MakeToken(m_localNonce, nonce) : MakeToken(nonce, m_localNonce));
}

void
SignallingTcpSocket::NotifyEstablished()
{
    m_exchange->SetAddressKnownToPeer(GetLocalAddress());
}

bool
SignallingTcpSocket::RegisterToken(uint64_t token)
{
    UnregisterToken();
    m_token = token;
    Ptr<MobilityDemux> demux = GetNode() ? GetNode()->GetObject<MobilityDemux>() : nullptr;
    if (!demux)
    {
        NS_LOG_WARN("node has no MobilityDemux: control segments cannot reach this connection");
        return false;
    }
    if (!demux->Register(token, this))
    {
        NS_LOG_WARN("token " << token << " already registered on this node");
        return false;
    }
    m_demux = demux;
    return true;
}

void
SignallingTcpSocket::UnregisterToken()
{
    if (m_demux && m_token != 0)
    {
        m_demux->Unregister(m_token, this);
    }
    m_demux = nullptr;
    m_token = 0;
}

// ---------------------------------------------------------------------------------------------
// Control segments

bool
SignallingTcpSocket::CanReceiveControl() const
{
    return IsAlive();
}

void
SignallingTcpSocket::ReceiveControl(MobilityControlHeader::MessageType type,
                                    Ptr<Packet> payload,
                                    const IpAddress& source,
                                    uint16_t sourcePort)
{
    ChangeExchange::Origin origin;
    origin.address = source;
    origin.port = sourcePort;
    if (!m_exchange->Receive(payload, origin))
    {
        ReceiveOtherControl(type, payload, source, sourcePort);
    }
}

void
SignallingTcpSocket::ReceiveOtherControl(MobilityControlHeader::MessageType type,
                                         Ptr<Packet> /* payload */,
                                         const IpAddress& source,
                                         uint16_t /* sourcePort */)
{
    NS_LOG_LOGIC("ignoring control message of type " << int(type) << " from " << source);
    m_exchange->Reject(type, ChangeRejectReason::MALFORMED);
}

// ---------------------------------------------------------------------------------------------
// What the exchange needs of the connection and of the transport

bool
SignallingTcpSocket::CanRelocate() const
{
    return IsNegotiated();
}

uint64_t
SignallingTcpSocket::GetExchangeToken() const
{
    return m_token;
}

IpAddress
SignallingTcpSocket::GetExchangeLocalAddress() const
{
    return GetLocalAddress();
}

uint16_t
SignallingTcpSocket::GetExchangeLocalPort() const
{
    return GetLocalPort();
}

IpAddress
SignallingTcpSocket::GetExchangePeerAddress() const
{
    return GetPeerAddress();
}

bool
SignallingTcpSocket::MovePeer(const AddressUpdateHeader& update)
{
    return RelocatePeer(update.GetNewAddress(), update.GetNewPort());
}

void
SignallingTcpSocket::ChangeCompleted(bool restart)
{
    if (restart && IsAlive())
    {
        RestartTransmission();
    }
}

void
SignallingTcpSocket::SendUpdate(const AddressUpdateHeader& message)
{
    SendControlSegment(message.ToPacket());
}

void
SignallingTcpSocket::SendConfirm(const AddressConfirmHeader& message)
{
    SendControlSegment(message.ToPacket());
}

Time
SignallingTcpSocket::GetConfirmationTimeout(uint32_t transmissions) const
{
    return ControlRetransmitTimeout(transmissions - 1);
}

uint32_t
SignallingTcpSocket::GetMaxRetransmissions() const
{
    return m_changeRetries;
}

// ---------------------------------------------------------------------------------------------
// copyTCB

void
SignallingTcpSocket::TakeOver(Ptr<SignallingTcpSocket> from)
{
    TransferConnection(from);
    m_exid = from->m_exid;
    m_offered = from->m_offered;
    m_peerOffered = from->m_peerOffered;
    m_isInitiator = from->m_isInitiator;
    m_localNonce = from->m_localNonce;
    m_changeRetries = from->m_changeRetries;
    m_resetTimerAfterChange = from->m_resetTimerAfterChange;
    // The token and the exchange (sequence numbers, counters, what the peer
    // knows) now name this socket.
    uint64_t token = from->m_token;
    from->UnregisterToken();
    if (token != 0)
    {
        RegisterToken(token);
    }
    std::swap(m_exchange, from->m_exchange);
    m_exchange->SetConnection(this);
    m_exchange->SetTransport(this);
    from->m_exchange->SetConnection(PeekPointer(from));
    from->m_exchange->SetTransport(PeekPointer(from));
}

} // namespace ns3
