/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-r-socket.h"

#include "ns3/enum.h"
#include "ns3/ipv4-end-point.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MobiSocketTcpR");

NS_OBJECT_ENSURE_REGISTERED(TcpRSocket);

TypeId
TcpRSocket::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::TcpRSocket")
            .SetParent<RelocatableTcpSocket>()
            .SetGroupName("MobiSocket")
            .AddConstructor<TcpRSocket>()
            .AddTraceSource("TcpRState",
                            "The TCP-R state (NORMAL, DETACHED, REDIRECTING).",
                            MakeTraceSourceAccessor(&TcpRSocket::m_tcpRState),
                            "ns3::TcpRSocket::TcpRStateTracedCallback")
            .AddTraceSource("SecretAgreed",
                            "The connection's secret is agreed (key agreement complete).",
                            MakeTraceSourceAccessor(&TcpRSocket::m_secretAgreedTrace),
                            "ns3::TracedCallback::Void");
    return tid;
}

TypeId
TcpRSocket::GetInstanceTypeId() const
{
    return TcpRSocket::GetTypeId();
}

TcpRSocket::TcpRSocket()
    : RelocatableTcpSocket(),
      m_tcpRState(NORMAL)
{
    NS_LOG_FUNCTION(this);
    SetNegotiationExid(EXID);
    SetOffered(true);
}

TcpRSocket::TcpRSocket(const TcpRSocket& other)
    : RelocatableTcpSocket(other),
      m_tcpRState(NORMAL)
{
    NS_LOG_FUNCTION(this);
}

TcpRSocket::~TcpRSocket()
{
    NS_LOG_FUNCTION(this);
    m_keyEvent.Cancel();
    m_agreeEvent.Cancel();
}

void
TcpRSocket::DoDispose()
{
    m_keyEvent.Cancel();
    m_agreeEvent.Cancel();
    RelocatableTcpSocket::DoDispose();
}

Ptr<TcpSocketBase>
TcpRSocket::Fork()
{
    return CopyObject<TcpRSocket>(this);
}

TcpRSocket::TcpRState
TcpRSocket::GetTcpRState() const
{
    return m_tcpRState;
}

bool
TcpRSocket::HasSecret() const
{
    return m_hasSecret;
}

bool
TcpRSocket::IsTcpRActive() const
{
    return IsNegotiated();
}

// ------------------------------------------------------------------------------------------
// The secret, agreed at every connection's establishment

void
TcpRSocket::NotifyEstablished()
{
    if (IsTcpRActive())
    {
        StartKeyAgreement();
    }
}

void
TcpRSocket::StartKeyAgreement()
{
    if (m_shareRequested)
    {
        return;
    }
    m_shareRequested = true;
    Time delay;
    m_share = CryptoAgent::GetOrCreate(m_node)->GenerateKeyShare(&delay);
    m_keyEvent = Simulator::Schedule(delay, &TcpRSocket::KeyShareReady, this);
}

void
TcpRSocket::KeyShareReady()
{
    m_shareReady = true;
    // The opener speaks first; the responder answers the opener's share.
    if (IsInitiator() || m_hasPeerShare)
    {
        TransmitKeyShare();
    }
    AgreeSecret();
}

void
TcpRSocket::TransmitKeyShare()
{
    if (!IsAlive() || !m_shareReady)
    {
        return;
    }
    KeyShareHeader header;
    header.SetToken(GetToken());
    header.SetSequence(IsInitiator() ? 0 : 1);
    header.SetShare(m_share.publicKey);
    Ptr<Packet> packet = Create<Packet>();
    packet->AddHeader(header);
    SendControlSegment(packet);
    if (IsInitiator() && !m_hasPeerShare)
    {
        if (m_shareAttempts++ < GetChangeRetries())
        {
            m_keyEvent = Simulator::Schedule(ControlRetransmitTimeout(m_shareAttempts),
                                             &TcpRSocket::TransmitKeyShare,
                                             this);
        }
        else
        {
            NS_LOG_WARN("no key share from the peer: the connection cannot be redirected");
        }
    }
}

void
TcpRSocket::AgreeSecret()
{
    if (!m_shareReady || !m_hasPeerShare || m_hasSecret || m_agreeing)
    {
        return;
    }
    Time delay;
    bool valid = false;
    SymmetricKey secret =
        CryptoAgent::GetOrCreate(m_node)->Agree(m_share, m_peerShare, &delay, &valid);
    if (!valid)
    {
        NS_LOG_WARN("degenerate key share from the peer: no secret");
        return;
    }
    m_agreeing = true;
    m_agreeEvent = Simulator::Schedule(delay, [this, secret]() {
        m_agreeing = false;
        m_secret = secret;
        m_hasSecret = true;
        m_secretAgreedTrace();
    });
}

void
TcpRSocket::ReceiveOtherControl(MobilityControlHeader::MessageType type,
                                Ptr<Packet> payload,
                                Ipv4Address source,
                                uint16_t /* sourcePort */)
{
    if (type != MobilityControlHeader::KEY_SHARE)
    {
        NS_LOG_LOGIC("ignoring control message of type " << int(type) << " from " << source);
        return;
    }
    KeyShareHeader header;
    if (!ReadControl(payload, header))
    {
        return;
    }
    if (m_hasPeerShare && header.GetShare() != m_peerShare)
    {
        return Reject(type, REPLAYED); // a second, different share for this connection
    }
    bool first = !m_hasPeerShare;
    m_peerShare = header.GetShare();
    m_hasPeerShare = true;
    if (IsInitiator())
    {
        m_keyEvent.Cancel(); // answered: stop retransmitting
        AgreeSecret();
        return;
    }
    // The responder answers every copy of the opener's share (its answer may be lost).
    if (m_shareReady)
    {
        TransmitKeyShare();
    }
    if (first)
    {
        StartKeyAgreement();
        AgreeSecret();
    }
}

// ------------------------------------------------------------------------------------------
// Address loss and redirect

void
TcpRSocket::NotifyAddressLost()
{
    NS_LOG_FUNCTION(this);
    if (!IsTcpRActive())
    {
        return;
    }
    m_tcpRState = DETACHED;
    if (m_retxEvent.IsRunning())
    {
        m_retxEvent.Cancel();
        m_timerFrozen = true;
    }
}

int
TcpRSocket::NotifyNewAddress(Ipv4Address address)
{
    NS_LOG_FUNCTION(this << address);
    if (!IsTcpRActive() || !m_hasSecret)
    {
        NS_LOG_WARN("no TCP-R connection with an agreed secret: cannot redirect");
        m_errno = ERROR_NOTCONN;
        return -1;
    }
    if (!GetDeviceForAddress(address))
    {
        m_errno = ERROR_ADDRNOTAVAIL;
        return -1;
    }
    if (address == m_endPoint->GetLocalAddress())
    {
        // The link came back with the same address: nothing to redirect.
        m_tcpRState = NORMAL;
        if (m_timerFrozen)
        {
            m_timerFrozen = false;
            RestartTransmission();
        }
        return 0;
    }
    if (!RelocateLocal(address, 0))
    {
        return -1;
    }
    m_tcpRState = REDIRECTING;
    AnnounceChange();
    return 0;
}

void
TcpRSocket::ReTxTimeout()
{
    if (m_tcpRState != NORMAL)
    {
        // The connection is held: no retransmission, no backoff.
        m_timerFrozen = true;
        return;
    }
    RelocatableTcpSocket::ReTxTimeout();
}

// ------------------------------------------------------------------------------------------
// The redirect exchange: HMAC with the agreed secret

std::unique_ptr<AddressUpdateHeader>
TcpRSocket::CreateUpdateHeader() const
{
    return std::make_unique<RedirectRequestHeader>();
}

std::unique_ptr<AddressConfirmHeader>
TcpRSocket::CreateConfirmHeader() const
{
    return std::make_unique<RedirectAckHeader>();
}

bool
TcpRSocket::CanAuthenticate() const
{
    return m_hasSecret;
}

Time
TcpRSocket::AuthenticateMessage(MobilityControlHeader& message)
{
    return message.Authenticate(CryptoAgent::GetOrCreate(m_node), m_secret);
}

bool
TcpRSocket::CheckAuthenticity(const MobilityControlHeader& message,
                              Time& delay,
                              RejectReason& reason)
{
    delay = Seconds(0);
    if (!m_hasSecret)
    {
        reason = NO_KEY;
        return false;
    }
    reason = BAD_SIGNATURE;
    return message.CheckMac(CryptoAgent::GetOrCreate(m_node), m_secret, delay);
}

void
TcpRSocket::NotifyConfirmAccepted(const AddressConfirmHeader& /* message */)
{
    m_tcpRState = NORMAL;
    if (m_timerFrozen && !m_retxEvent.IsRunning())
    {
        // Thaw the frozen timer (ResetTimerAfterChange restarts it at once anyway).
        m_retxEvent = Simulator::Schedule(m_rto, &TcpRSocket::ReTxTimeout, this);
    }
    m_timerFrozen = false;
}

} // namespace ns3
