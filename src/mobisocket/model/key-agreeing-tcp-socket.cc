/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "key-agreeing-tcp-socket.h"

#include "crypto-agent.h"
#include "ns3-compat.h"

#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MobiSocketKeyAgreeingTcpSocket");

NS_OBJECT_ENSURE_REGISTERED(KeyAgreeingTcpSocket);

TypeId
KeyAgreeingTcpSocket::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::KeyAgreeingTcpSocket")
            .SetParent<SignallingTcpSocket>()
            .SetGroupName("MobiSocket")
            .AddTraceSource("HoldState",
                            "The hold state (NORMAL, DETACHED, MOVING).",
                            MakeTraceSourceAccessor(&KeyAgreeingTcpSocket::m_holdState),
                            "ns3::KeyAgreeingTcpSocket::HoldStateTracedCallback")
            .AddTraceSource("SecretAgreed",
                            "The connection's secret is agreed (key agreement complete).",
                            MakeTraceSourceAccessor(&KeyAgreeingTcpSocket::m_secretAgreedTrace),
                            "ns3::TracedCallback::Void");
    return tid;
}

KeyAgreeingTcpSocket::KeyAgreeingTcpSocket()
    : SignallingTcpSocket(),
      m_holdState(NORMAL)
{
    NS_LOG_FUNCTION(this);
}

KeyAgreeingTcpSocket::KeyAgreeingTcpSocket(const KeyAgreeingTcpSocket& other)
    : SignallingTcpSocket(other),
      m_holdState(NORMAL)
{
    NS_LOG_FUNCTION(this);
}

KeyAgreeingTcpSocket::~KeyAgreeingTcpSocket()
{
    NS_LOG_FUNCTION(this);
    m_keyEvent.Cancel();
    m_agreeEvent.Cancel();
}

void
KeyAgreeingTcpSocket::DoDispose()
{
    m_keyEvent.Cancel();
    m_agreeEvent.Cancel();
    m_secret = nullptr;
    SignallingTcpSocket::DoDispose();
}

KeyAgreeingTcpSocket::HoldState
KeyAgreeingTcpSocket::GetHoldState() const
{
    return m_holdState;
}

bool
KeyAgreeingTcpSocket::HasSecret() const
{
    return m_secret != nullptr;
}

bool
KeyAgreeingTcpSocket::IsMobilityActive() const
{
    return IsNegotiated();
}

// ------------------------------------------------------------------------------------------
// The secret, agreed at every connection's establishment

void
KeyAgreeingTcpSocket::NotifyEstablished()
{
    SignallingTcpSocket::NotifyEstablished();
    if (IsMobilityActive())
    {
        StartKeyAgreement();
    }
}

void
KeyAgreeingTcpSocket::StartKeyAgreement()
{
    if (m_shareRequested)
    {
        return;
    }
    m_shareRequested = true;
    Time delay;
    m_share = CryptoAgent::Get(GetNode())->GenerateKeyShare(&delay);
    m_keyEvent = Simulator::Schedule(delay, &KeyAgreeingTcpSocket::KeyShareReady, this);
}

void
KeyAgreeingTcpSocket::KeyShareReady()
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
KeyAgreeingTcpSocket::TransmitKeyShare()
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
                                             &KeyAgreeingTcpSocket::TransmitKeyShare,
                                             this);
        }
        else
        {
            NS_LOG_WARN("no key share from the peer: the connection cannot move");
        }
    }
}

void
KeyAgreeingTcpSocket::AgreeSecret()
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
KeyAgreeingTcpSocket::ReceiveOtherControl(MobilityControlHeader::MessageType type,
                                          Ptr<Packet> payload,
                                          const IpAddress& source,
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
// Address loss and move

void
KeyAgreeingTcpSocket::NotifyAddressLost()
{
    NS_LOG_FUNCTION(this);
    if (!IsMobilityActive())
    {
        return;
    }
    SetHoldState(DETACHED);
    FreezeRetransmissionTimer();
}

int
KeyAgreeingTcpSocket::NotifyNewAddress(Ipv4Address address)
{
    NS_LOG_FUNCTION(this << address);
    if (!IsFamilySupported(GetFamily()))
    {
        NS_LOG_WARN("the scheme is not offered on this connection's family: cannot move");
        SetErrno(ERROR_AFNOSUPPORT);
        return -1;
    }
    if (!IsMobilityActive() || !m_secret)
    {
        NS_LOG_WARN("no negotiated connection with an agreed secret: cannot move");
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
        // The link came back with the same address: nothing to announce.
        SetHoldState(NORMAL);
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
    SetHoldState(MOVING);
    GetExchange()->Announce();
    return 0;
}

void
KeyAgreeingTcpSocket::ReTxTimeout()
{
    if (m_holdState != NORMAL)
    {
        // The connection is held: no retransmission, no backoff.
        DeferRetransmissionTimeout();
        return;
    }
    SignallingTcpSocket::ReTxTimeout();
}

void
KeyAgreeingTcpSocket::SetHoldState(HoldState state)
{
    HoldState old = m_holdState;
    m_holdState = state;
    if (state != old)
    {
        HoldStateChanged(old, state);
    }
}

void
KeyAgreeingTcpSocket::HoldStateChanged(HoldState /* oldState */, HoldState /* newState */)
{
}

void
KeyAgreeingTcpSocket::ChangeCompleted(bool restart)
{
    SetHoldState(NORMAL);
    // Thaw the frozen timer (a restart re-arms it at once anyway).
    ThawRetransmissionTimer();
    SignallingTcpSocket::ChangeCompleted(restart);
}

} // namespace ns3
