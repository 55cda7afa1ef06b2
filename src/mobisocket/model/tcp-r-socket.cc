/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-r-socket.h"

#include "crypto-agent.h"
#include "ns3-compat.h"

#include "ns3/enum.h"
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
            .SetParent<SignallingTcpSocket>()
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

#if MOBISOCKET_OBJECT_OVERRIDES_INSTANCE_TYPE_ID
TypeId
TcpRSocket::GetInstanceTypeId() const
{
    return TcpRSocket::GetTypeId();
}
#endif

TcpRSocket::TcpRSocket()
    : SignallingTcpSocket(),
      m_tcpRState(NORMAL)
{
    NS_LOG_FUNCTION(this);
    SetNegotiationExid(EXID);
    SetOffered(true);
    GetExchange()->SetMessageType(MobilityControlHeader::REDIRECT_REQUEST);
}

TcpRSocket::TcpRSocket(const TcpRSocket& other)
    : SignallingTcpSocket(other),
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
    m_secret = nullptr;
    SignallingTcpSocket::DoDispose();
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
    return m_secret != nullptr;
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
    SignallingTcpSocket::NotifyEstablished();
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
    m_share = CryptoAgent::Get(GetNode())->GenerateKeyShare(&delay);
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
    if (!m_shareReady || !m_hasPeerShare || m_secret || m_agreeing)
    {
        return;
    }
    Ptr<CryptoAgent> agent = CryptoAgent::Get(GetNode());
    Time delay;
    bool valid = false;
    SymmetricKey secret = agent->Agree(m_share, m_peerShare, &delay, &valid);
    if (!valid)
    {
        NS_LOG_WARN("degenerate key share from the peer: no secret");
        return;
    }
    m_agreeing = true;
    m_agreeEvent = ScheduleLambda(delay, [this, secret, agent]() {
        m_agreeing = false;
        m_secret = Create<MacAuthenticator>(agent);
        m_secret->SetSecret(secret);
        GetExchange()->SetAuthenticator(m_secret);
        m_secretAgreedTrace();
    });
}

void
TcpRSocket::ReceiveOtherControl(MobilityControlHeader::MessageType type,
                                Ptr<Packet> payload,
                                Ipv4Address source,
                                uint16_t sourcePort)
{
    if (type != MobilityControlHeader::KEY_SHARE)
    {
        SignallingTcpSocket::ReceiveOtherControl(type, payload, source, sourcePort);
        return;
    }
    KeyShareHeader header;
    if (!ReadControl(payload, header))
    {
        return;
    }
    if (m_hasPeerShare && header.GetShare() != m_peerShare)
    {
        // A second, different share for this connection.
        return GetExchange()->Reject(type, ChangeRejectReason::REPLAYED);
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
    FreezeRetransmissionTimer();
}

int
TcpRSocket::NotifyNewAddress(Ipv4Address address)
{
    NS_LOG_FUNCTION(this << address);
    if (IsIpv6())
    {
        NS_LOG_WARN("IPv6 connections are not supported: cannot redirect");
        SetErrno(ERROR_AFNOSUPPORT);
        return -1;
    }
    if (!IsTcpRActive() || !m_secret)
    {
        NS_LOG_WARN("no TCP-R connection with an agreed secret: cannot redirect");
        SetErrno(ERROR_NOTCONN);
        return -1;
    }
    if (!GetDeviceForAddress(address))
    {
        SetErrno(ERROR_ADDRNOTAVAIL);
        return -1;
    }
    if (address == GetLocalAddress())
    {
        // The link came back with the same address: nothing to redirect.
        m_tcpRState = NORMAL;
        if (IsRetransmissionTimerFrozen())
        {
            RestartTransmission();
        }
        return 0;
    }
    if (!RelocateLocal(address, 0))
    {
        return -1;
    }
    m_tcpRState = REDIRECTING;
    GetExchange()->Announce();
    return 0;
}

void
TcpRSocket::ReTxTimeout()
{
    if (m_tcpRState != NORMAL)
    {
        // The connection is held: no retransmission, no backoff.
        DeferRetransmissionTimeout();
        return;
    }
    SignallingTcpSocket::ReTxTimeout();
}

void
TcpRSocket::ChangeCompleted(bool restart)
{
    m_tcpRState = NORMAL;
    // Thaw the frozen timer (a restart re-arms it at once anyway).
    ThawRetransmissionTimer();
    SignallingTcpSocket::ChangeCompleted(restart);
}

} // namespace ns3
