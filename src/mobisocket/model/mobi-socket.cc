/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mobi-socket.h"

#include "mobility-demux.h"

#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/inet-socket-address.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/ipv4-end-point.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <type_traits>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MobiSocket");

NS_OBJECT_ENSURE_REGISTERED(MobiSocket);

TypeId
MobiSocket::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::MobiSocket")
            .SetParent<RelocatableTcpSocket>()
            .SetGroupName("MobiSocket")
            .AddConstructor<MobiSocket>()
            .AddAttribute("MobilityEnabled",
                          "Activate mobility on creation (what ActivateMobility() does), so "
                          "that stock applications get mobile connections.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&MobiSocket::SetOffered, &MobiSocket::IsOffered),
                          MakeBooleanChecker())
            .AddAttribute("Signalling",
                          "Who tells the peer about an address change: the application "
                          "(e.g. SIP INFO) or the socket, in-band with AddChange/AddConfirm.",
                          EnumValue(MobiSocket::APPLICATION),
                          MakeEnumAccessor(&MobiSocket::m_signalling),
                          MakeEnumChecker(MobiSocket::APPLICATION,
                                          "Application",
                                          MobiSocket::IN_BAND,
                                          "InBand"))
            .AddAttribute("ResetTimerAfterUpdate",
                          "With in-band signalling, call ResetTimer() when a change completes "
                          "(on the peer after accepting AddChange, on the mover after "
                          "AddConfirm).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&MobiSocket::m_resetTimerAfterUpdate),
                          MakeBooleanChecker())
            .AddAttribute("AddChangeRetries",
                          "Retransmissions of an unconfirmed AddChange before giving up. The "
                          "first timeout is the unbacked-off RTO, doubling each time.",
                          UintegerValue(6),
                          MakeUintegerAccessor(&MobiSocket::m_addChangeRetries),
                          MakeUintegerChecker<uint32_t>(0, 16))
            .AddTraceSource("MobilityNegotiated",
                            "The handshake completed on a socket that offered mobility; the "
                            "argument says whether the peer accepted it.",
                            MakeTraceSourceAccessor(&MobiSocket::m_negotiatedTrace),
                            "ns3::MobiSocket::NegotiatedTracedCallback")
            .AddTraceSource("AddChangeSent",
                            "An AddChange was transmitted (also on retransmission).",
                            MakeTraceSourceAccessor(&MobiSocket::m_addChangeSentTrace),
                            "ns3::MobiSocket::AddChangeTracedCallback")
            .AddTraceSource("AddChangeReceived",
                            "An authenticated AddChange was accepted.",
                            MakeTraceSourceAccessor(&MobiSocket::m_addChangeReceivedTrace),
                            "ns3::MobiSocket::AddChangeTracedCallback")
            .AddTraceSource("AddChangeRejected",
                            "An AddChange was rejected.",
                            MakeTraceSourceAccessor(&MobiSocket::m_addChangeRejectedTrace),
                            "ns3::MobiSocket::TypedRejectedTracedCallback")
            .AddTraceSource("AddConfirmSent",
                            "An AddConfirm was transmitted (also on retransmission).",
                            MakeTraceSourceAccessor(&MobiSocket::m_addConfirmSentTrace),
                            "ns3::MobiSocket::AddConfirmTracedCallback")
            .AddTraceSource("AddConfirmReceived",
                            "An authenticated AddConfirm completed a change.",
                            MakeTraceSourceAccessor(&MobiSocket::m_addConfirmReceivedTrace),
                            "ns3::MobiSocket::AddConfirmTracedCallback")
            .AddTraceSource("AddConfirmRejected",
                            "An AddConfirm was rejected.",
                            MakeTraceSourceAccessor(&MobiSocket::m_addConfirmRejectedTrace),
                            "ns3::MobiSocket::TypedRejectedTracedCallback")
            .AddTraceSource("AddChangeFailed",
                            "An AddChange was not confirmed after all its retransmissions.",
                            MakeTraceSourceAccessor(&MobiSocket::m_changeFailedTrace),
                            "ns3::TracedCallback::Void");
    return tid;
}

TypeId
MobiSocket::GetInstanceTypeId() const
{
    return MobiSocket::GetTypeId();
}

MobiSocket::MobiSocket()
    : RelocatableTcpSocket()
{
    NS_LOG_FUNCTION(this);
    SetNegotiationExid(EXID);
}

MobiSocket::MobiSocket(const MobiSocket& other)
    : RelocatableTcpSocket(other),
      m_signalling(other.m_signalling),
      m_resetTimerAfterUpdate(other.m_resetTimerAfterUpdate),
      m_addChangeRetries(other.m_addChangeRetries),
      m_localKeyPair(other.m_localKeyPair),
      m_peerPublicKey(other.m_peerPublicKey),
      m_hasPeerKey(other.m_hasPeerKey),
      m_addChangeVerifier(other.m_addChangeVerifier),
      m_addConfirmVerifier(other.m_addConfirmVerifier)
{
    NS_LOG_FUNCTION(this);
}

MobiSocket::~MobiSocket()
{
    NS_LOG_FUNCTION(this);
    m_addChangeEvent.Cancel();
    m_controlEvent.Cancel();
}

void
MobiSocket::DoDispose()
{
    m_addChangeEvent.Cancel();
    m_controlEvent.Cancel();
    m_addChangeVerifier = MakeNullCallback<bool, Ptr<MobiSocket>, const AddChangeHeader&>();
    m_addConfirmVerifier = MakeNullCallback<bool, Ptr<MobiSocket>, const AddConfirmHeader&>();
    RelocatableTcpSocket::DoDispose();
}

Ptr<TcpSocketBase>
MobiSocket::Fork()
{
    return CopyObject<MobiSocket>(this);
}

int
MobiSocket::Fail(SocketErrno error, const std::string& what) const
{
    NS_LOG_WARN(what);
    m_errno = error;
    return -1;
}

// ------------------------------------------------------------------------------------------
// Negotiation

int
MobiSocket::ActivateMobility()
{
    NS_LOG_FUNCTION(this);
    if (IsOffered())
    {
        return 0;
    }
    if (m_state != CLOSED && m_state != LISTEN)
    {
        return Fail(ERROR_ISCONN,
                    "ActivateMobility: the handshake has begun; mobility is offered in the SYN");
    }
    SetOffered(true);
    return 0;
}

bool
MobiSocket::IsMobilityActive() const
{
    return IsNegotiated();
}

bool
MobiSocket::IsRetentionActive() const
{
    return IsMobilityActive();
}

void
MobiSocket::NotifyEstablished()
{
    if (!IsOffered())
    {
        return;
    }
    bool active = IsMobilityActive();
    if (active)
    {
        m_addressKnownToPeer = m_endPoint->GetLocalAddress();
    }
    NS_LOG_INFO("mobility " << (active ? "negotiated" : "refused by the peer") << ", token 0x"
                            << std::hex << GetToken() << std::dec);
    m_negotiatedTrace(active);
}

// ------------------------------------------------------------------------------------------
// The paper's API

int
MobiSocket::UpdateTcb(Direction direction, const Address& newAddress)
{
    NS_LOG_FUNCTION(this << direction << newAddress);
    if (direction != SOURCE && direction != DESTINATION)
    {
        return Fail(ERROR_INVAL, "UpdateTcb: direction must be SOURCE or DESTINATION");
    }
    if (Inet6SocketAddress::IsMatchingType(newAddress))
    {
        return Fail(ERROR_AFNOSUPPORT, "UpdateTcb: IPv6 addresses are not supported");
    }
    if (!InetSocketAddress::IsMatchingType(newAddress))
    {
        return Fail(ERROR_INVAL, "UpdateTcb: newAddress is not an InetSocketAddress");
    }
    if (m_endPoint6 != nullptr)
    {
        return Fail(ERROR_AFNOSUPPORT, "UpdateTcb: IPv6 connections are not supported");
    }
    if (!IsSynchronized())
    {
        return Fail(ERROR_NOTCONN, "UpdateTcb: the socket has no connection");
    }
    if (!IsMobilityActive())
    {
        return Fail(ERROR_OPNOTSUPP,
                    IsOffered()
                        ? "UpdateTcb: the peer does not support mobility; the connection is "
                          "plain TCP"
                        : "UpdateTcb: mobility is not activated (ActivateMobility)");
    }
    InetSocketAddress target = InetSocketAddress::ConvertFrom(newAddress);
    Ipv4Address ip = target.GetIpv4();
    uint16_t port = target.GetPort();
    if (ip == Ipv4Address::GetAny() || ip.IsBroadcast() || ip.IsMulticast() || ip.IsLocalhost())
    {
        return Fail(ERROR_INVAL, "UpdateTcb: the address cannot identify a host");
    }

    if (direction == SOURCE)
    {
        if (!GetDeviceForAddress(ip))
        {
            return Fail(ERROR_ADDRNOTAVAIL, "UpdateTcb: the address is not assigned to this node");
        }
        uint16_t currentPort = m_endPoint->GetLocalPort();
        if (ip == m_endPoint->GetLocalAddress() && (port == 0 || port == currentPort))
        {
            return 0;
        }
        if (port != 0 && port != currentPort && IsPortInUse(ip, port))
        {
            return Fail(ERROR_ADDRINUSE, "UpdateTcb: the port is in use on this node");
        }
        if (m_signalling == IN_BAND && !m_localKeyPair.IsSet())
        {
            return Fail(ERROR_OPNOTSUPP,
                        "UpdateTcb: in-band signalling needs this end's key pair "
                        "(SetLocalKeyPair)");
        }
        if (!RelocateLocal(ip, port))
        {
            return Fail(m_errno, "UpdateTcb: the new 4-tuple is in use");
        }
        if (m_signalling == IN_BAND)
        {
            StartAddChange(m_addressKnownToPeer);
        }
        return 0;
    }

    if (ip == m_endPoint->GetPeerAddress() && (port == 0 || port == m_endPoint->GetPeerPort()))
    {
        return 0;
    }
    if (!RelocatePeer(ip, port))
    {
        return Fail(m_errno, "UpdateTcb: the new 4-tuple is in use");
    }
    return 0;
}

int
MobiSocket::ResetTimer()
{
    NS_LOG_FUNCTION(this);
    if (!IsSynchronized())
    {
        return Fail(ERROR_NOTCONN, "ResetTimer: the socket has no connection");
    }
    RestartTransmission();
    return 0;
}

int
MobiSocket::CopyTcb(Ptr<MobiSocket> newSocket, Ptr<MobiSocket> oldSocket)
{
    if (!newSocket || !oldSocket)
    {
        Ptr<MobiSocket> given = newSocket ? newSocket : oldSocket;
        return given ? given->Fail(ERROR_INVAL, "CopyTcb: a socket is null") : -1;
    }
    auto fail = [&newSocket, &oldSocket](SocketErrno error, const std::string& what) {
        oldSocket->m_errno = error;
        return newSocket->Fail(error, "CopyTcb: " + what);
    };
    if (newSocket == oldSocket)
    {
        return fail(ERROR_INVAL, "the new and the old socket are the same");
    }
    if (newSocket->m_node != oldSocket->m_node)
    {
        return fail(ERROR_INVAL, "the sockets belong to different nodes");
    }
    if (newSocket->m_endPoint6 != nullptr || oldSocket->m_endPoint6 != nullptr)
    {
        return fail(ERROR_AFNOSUPPORT, "IPv6 connections are not supported");
    }
    if (!oldSocket->IsSynchronized())
    {
        return fail(ERROR_NOTCONN, "the old socket has no connection");
    }
    if (!oldSocket->IsMobilityActive())
    {
        return fail(ERROR_OPNOTSUPP, "mobility is not active on the old socket's connection");
    }
    if (newSocket->m_endPoint == nullptr)
    {
        return fail(ERROR_INVAL, "the new socket must be bound (Bind) first");
    }
    if (newSocket->m_state != CLOSED)
    {
        return fail(ERROR_ISCONN, "the new socket is connected or listening");
    }
    if (oldSocket->m_signalling == IN_BAND && !oldSocket->m_localKeyPair.IsSet())
    {
        return fail(ERROR_OPNOTSUPP, "in-band signalling needs this end's key pair");
    }

    Ipv4EndPoint* oldEnd = oldSocket->m_endPoint;
    Ipv4EndPoint* newEnd = newSocket->m_endPoint;
    newEnd->SetPeer(oldEnd->GetPeerAddress(), oldEnd->GetPeerPort());
    if (newEnd->GetLocalAddress() == Ipv4Address::GetAny() && newSocket->SetupEndpoint() != 0)
    {
        newEnd->SetPeer(Ipv4Address::GetAny(), 0);
        return fail(ERROR_NOROUTETOHOST, "no route to the peer from the new socket");
    }
    if (newEnd->GetLocalAddress() == oldEnd->GetLocalAddress() &&
        newEnd->GetLocalPort() == oldEnd->GetLocalPort())
    {
        newEnd->SetPeer(Ipv4Address::GetAny(), 0);
        return fail(ERROR_INVAL, "the new socket has the old socket's address and port");
    }
    if (newSocket->IsTupleInUse(newEnd->GetLocalAddress(),
                                newEnd->GetLocalPort(),
                                oldEnd->GetPeerAddress(),
                                oldEnd->GetPeerPort()))
    {
        newEnd->SetPeer(Ipv4Address::GetAny(), 0);
        return fail(ERROR_ADDRINUSE, "the new 4-tuple is in use");
    }

    oldSocket->m_addChangeEvent.Cancel();
    oldSocket->m_controlEvent.Cancel();
    newSocket->TransferConnection(oldSocket);

    newSocket->m_signalling = oldSocket->m_signalling;
    newSocket->m_resetTimerAfterUpdate = oldSocket->m_resetTimerAfterUpdate;
    newSocket->m_addChangeRetries = oldSocket->m_addChangeRetries;
    newSocket->m_localKeyPair = oldSocket->m_localKeyPair;
    newSocket->m_peerPublicKey = oldSocket->m_peerPublicKey;
    newSocket->m_hasPeerKey = oldSocket->m_hasPeerKey;
    newSocket->m_addChangeVerifier = oldSocket->m_addChangeVerifier;
    newSocket->m_addConfirmVerifier = oldSocket->m_addConfirmVerifier;
    newSocket->m_addressKnownToPeer = oldSocket->m_addressKnownToPeer;
    newSocket->m_changeSequence = oldSocket->m_changeSequence;
    newSocket->m_addChangeTransmissions = oldSocket->m_addChangeTransmissions;
    newSocket->m_peerSequence = oldSocket->m_peerSequence;
    newSocket->m_lastAcceptedChange = oldSocket->m_lastAcceptedChange;
    newSocket->m_lastConfirm = oldSocket->m_lastConfirm;
    newSocket->m_hasConfirm = oldSocket->m_hasConfirm;
    oldSocket->m_changeInProgress = false;

    if (newSocket->m_signalling == IN_BAND)
    {
        newSocket->StartAddChange(newSocket->m_addressKnownToPeer);
    }
    return 0;
}

// ------------------------------------------------------------------------------------------
// Keys and verifiers

void
MobiSocket::SetLocalKeyPair(const Ed25519KeyPair& keyPair)
{
    m_localKeyPair = keyPair;
}

void
MobiSocket::SetPeerPublicKey(const Ed25519PublicKey& publicKey)
{
    m_peerPublicKey = publicKey;
    m_hasPeerKey = true;
}

void
MobiSocket::SetAddChangeVerifier(AddChangeVerifier verifier)
{
    m_addChangeVerifier = verifier;
}

void
MobiSocket::SetAddConfirmVerifier(AddConfirmVerifier verifier)
{
    m_addConfirmVerifier = verifier;
}

uint32_t
MobiSocket::GetAddChangeTransmissions() const
{
    return m_addChangeTransmissions;
}

// ------------------------------------------------------------------------------------------
// In-band AddChange / AddConfirm

void
MobiSocket::StartAddChange(Ipv4Address oldAddress)
{
    NS_LOG_FUNCTION(this << oldAddress);
    m_addChangeEvent.Cancel();
    m_pendingChange = AddChangeHeader();
    m_pendingChange.SetToken(GetToken());
    m_pendingChange.SetSequence(++m_changeSequence);
    m_pendingChange.SetOldAddress(oldAddress);
    m_pendingChange.SetNewAddress(m_endPoint->GetLocalAddress());
    m_pendingChange.SetNewPort(m_endPoint->GetLocalPort());
    Time signing = m_pendingChange.Sign(CryptoAgent::GetOrCreate(m_node), m_localKeyPair);
    m_changeInProgress = true;
    m_addChangeAttempts = 0;
    m_addChangeEvent = Simulator::Schedule(signing, &MobiSocket::TransmitAddChange, this);
}

void
MobiSocket::TransmitAddChange()
{
    if (!IsAlive() || !m_changeInProgress)
    {
        return;
    }
    if (m_addChangeAttempts > m_addChangeRetries)
    {
        NS_LOG_WARN("AddChange " << m_pendingChange.GetSequence() << " not confirmed after "
                                 << m_addChangeAttempts << " transmissions");
        m_changeInProgress = false;
        m_changeFailedTrace();
        return;
    }
    Ptr<Packet> packet = Create<Packet>();
    packet->AddHeader(m_pendingChange);
    SendControlSegment(packet);
    if (m_addChangeAttempts == 0)
    {
        NotifyChangeAnnounced();
    }
    ++m_addChangeTransmissions;
    m_addChangeSentTrace(m_pendingChange);
    Time timeout =
        Min(GetUnbackedRto() * double(1U << std::min(m_addChangeAttempts, 16U)), Seconds(60));
    ++m_addChangeAttempts;
    m_addChangeEvent = Simulator::Schedule(timeout, &MobiSocket::TransmitAddChange, this);
}

void
MobiSocket::ReceiveControl(MobilityControlHeader::MessageType type,
                           Ptr<Packet> payload,
                           Ipv4Address source,
                           uint16_t sourcePort)
{
    switch (type)
    {
    case MobilityControlHeader::ADD_CHANGE:
        HandleAddChange(payload, source, sourcePort);
        break;
    case MobilityControlHeader::ADD_CONFIRM:
        HandleAddConfirm(payload, source);
        break;
    }
}

void
MobiSocket::NotifyRejected(MobilityControlHeader::MessageType type, RejectReason reason)
{
    if (type == MobilityControlHeader::ADD_CHANGE)
    {
        m_addChangeRejectedTrace(reason);
    }
    else if (type == MobilityControlHeader::ADD_CONFIRM)
    {
        m_addConfirmRejectedTrace(reason);
    }
}

template <class H>
void
MobiSocket::Authenticate(const H& header,
                         const Callback<bool, Ptr<MobiSocket>, const H&>& verifier,
                         void (MobiSocket::*accept)(H))
{
    const auto type = header.GetMessageType();
    if (m_hasPeerKey)
    {
        Time delay;
        if (!header.Verify(CryptoAgent::GetOrCreate(m_node), m_peerPublicKey, delay))
        {
            return Reject(type, BAD_SIGNATURE);
        }
        if constexpr (std::is_same_v<H, AddChangeHeader>)
        {
            m_verifyingSequence = header.GetSequence(); // retransmissions meanwhile are ignored
        }
        m_controlEvent = Simulator::Schedule(delay, accept, this, header);
        return;
    }
    if (verifier.IsNull())
    {
        return Reject(type, NO_VERIFIER);
    }
    if (!verifier(this, header))
    {
        return Reject(type, REFUSED);
    }
    (this->*accept)(header);
}

void
MobiSocket::HandleAddChange(Ptr<Packet> payload, Ipv4Address source, uint16_t sourcePort)
{
    const auto type = MobilityControlHeader::ADD_CHANGE;
    AddChangeHeader header;
    if (!ReadControl(payload, header))
    {
        return;
    }
    if (m_hasConfirm && header.GetSequence() == m_peerSequence &&
        header.GetSignedBytes() == m_lastAcceptedChange.GetSignedBytes() &&
        header.GetSignature() == m_lastAcceptedChange.GetSignature())
    {
        // Our AddConfirm was lost and the mover retransmitted: answer again.
        TransmitAddConfirm();
        return;
    }
    if (header.GetSequence() == m_verifyingSequence)
    {
        return; // a retransmission arriving while the original is being verified
    }
    if (header.GetSequence() <= m_peerSequence)
    {
        return Reject(type, REPLAYED);
    }
    if (source != header.GetNewAddress() || sourcePort != header.GetNewPort() ||
        header.GetOldAddress() != m_endPoint->GetPeerAddress())
    {
        return Reject(type, ADDRESS_MISMATCH);
    }
    if (!m_localKeyPair.IsSet())
    {
        return Reject(type, NO_KEY);
    }
    Authenticate(header, m_addChangeVerifier, &MobiSocket::AcceptAddChange);
}

void
MobiSocket::AcceptAddChange(AddChangeHeader header)
{
    NS_LOG_FUNCTION(this << header);
    m_verifyingSequence = 0;
    if (!IsAlive() || header.GetSequence() <= m_peerSequence)
    {
        return;
    }
    if (!RelocatePeer(header.GetNewAddress(), header.GetNewPort()))
    {
        return Reject(MobilityControlHeader::ADD_CHANGE, ADDRESS_MISMATCH);
    }
    m_peerSequence = header.GetSequence();
    m_lastAcceptedChange = header;
    m_addChangeReceivedTrace(header);

    m_lastConfirm = AddConfirmHeader();
    m_lastConfirm.SetToken(GetToken());
    m_lastConfirm.SetSequence(header.GetSequence());
    m_lastConfirm.SetNewAddress(header.GetNewAddress());
    m_lastConfirm.SetNewPort(header.GetNewPort());
    Time signing = m_lastConfirm.Sign(CryptoAgent::GetOrCreate(m_node), m_localKeyPair);
    m_hasConfirm = true;
    // The paper's ordering rule: answer first, then resume sending.
    m_controlEvent = Simulator::Schedule(signing, [this]() {
        TransmitAddConfirm();
        if (m_resetTimerAfterUpdate && IsAlive())
        {
            RestartTransmission();
        }
    });
}

void
MobiSocket::TransmitAddConfirm()
{
    if (!IsAlive() || !m_hasConfirm)
    {
        return;
    }
    Ptr<Packet> packet = Create<Packet>();
    packet->AddHeader(m_lastConfirm);
    SendControlSegment(packet);
    m_addConfirmSentTrace(m_lastConfirm);
}

void
MobiSocket::HandleAddConfirm(Ptr<Packet> payload, Ipv4Address source)
{
    const auto type = MobilityControlHeader::ADD_CONFIRM;
    AddConfirmHeader header;
    if (!ReadControl(payload, header))
    {
        return;
    }
    if (!m_changeInProgress || header.GetSequence() != m_pendingChange.GetSequence())
    {
        return Reject(type, header.GetSequence() <= m_changeSequence ? REPLAYED : UNEXPECTED);
    }
    if (header.GetNewAddress() != m_endPoint->GetLocalAddress() ||
        header.GetNewPort() != m_endPoint->GetLocalPort() || source != m_endPoint->GetPeerAddress())
    {
        return Reject(type, ADDRESS_MISMATCH);
    }
    Authenticate(header, m_addConfirmVerifier, &MobiSocket::AcceptAddConfirm);
}

void
MobiSocket::AcceptAddConfirm(AddConfirmHeader header)
{
    NS_LOG_FUNCTION(this << header);
    if (!IsAlive() || !m_changeInProgress || header.GetSequence() != m_pendingChange.GetSequence())
    {
        return;
    }
    m_changeInProgress = false;
    m_addChangeEvent.Cancel();
    m_addressKnownToPeer = header.GetNewAddress();
    m_addConfirmReceivedTrace(header);
    NotifyChangeConfirmed();
    if (m_resetTimerAfterUpdate)
    {
        RestartTransmission();
    }
}

} // namespace ns3
