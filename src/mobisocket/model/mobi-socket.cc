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
                            "ns3::MobiSocket::TypedRejectedTracedCallback");
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
}

void
MobiSocket::DoDispose()
{
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

void
MobiSocket::NotifyEstablished()
{
    if (!IsOffered())
    {
        return;
    }
    bool active = IsMobilityActive();
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
    if (!IsHostAddress(ip))
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
            AnnounceChange();
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

    newSocket->TransferConnection(oldSocket);

    newSocket->m_signalling = oldSocket->m_signalling;
    newSocket->m_localKeyPair = oldSocket->m_localKeyPair;
    newSocket->m_peerPublicKey = oldSocket->m_peerPublicKey;
    newSocket->m_hasPeerKey = oldSocket->m_hasPeerKey;
    newSocket->m_addChangeVerifier = oldSocket->m_addChangeVerifier;
    newSocket->m_addConfirmVerifier = oldSocket->m_addConfirmVerifier;

    if (newSocket->m_signalling == IN_BAND)
    {
        newSocket->AnnounceChange();
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

// ------------------------------------------------------------------------------------------
// In-band AddChange / AddConfirm: the exchange is RelocatableTcpSocket's, the
// messages and their authentication are the paper's.

std::unique_ptr<AddressUpdateHeader>
MobiSocket::CreateUpdateHeader() const
{
    return std::make_unique<AddChangeHeader>();
}

std::unique_ptr<AddressConfirmHeader>
MobiSocket::CreateConfirmHeader() const
{
    return std::make_unique<AddConfirmHeader>();
}

bool
MobiSocket::CanAuthenticate() const
{
    return m_localKeyPair.IsSet();
}

Time
MobiSocket::AuthenticateMessage(MobilityControlHeader& message)
{
    return message.Sign(CryptoAgent::GetOrCreate(m_node), m_localKeyPair);
}

bool
MobiSocket::CheckAuthenticity(const MobilityControlHeader& message,
                              Time& delay,
                              RejectReason& reason)
{
    delay = Seconds(0);
    if (m_hasPeerKey)
    {
        reason = BAD_SIGNATURE;
        return message.Verify(CryptoAgent::GetOrCreate(m_node), m_peerPublicKey, delay);
    }
    // Without the peer's key, the application authenticates the message.
    bool hasVerifier = false;
    bool accepted = false;
    if (auto change = dynamic_cast<const AddChangeHeader*>(&message))
    {
        hasVerifier = !m_addChangeVerifier.IsNull();
        accepted = hasVerifier && m_addChangeVerifier(this, *change);
    }
    else if (auto confirm = dynamic_cast<const AddConfirmHeader*>(&message))
    {
        hasVerifier = !m_addConfirmVerifier.IsNull();
        accepted = hasVerifier && m_addConfirmVerifier(this, *confirm);
    }
    reason = hasVerifier ? REFUSED : NO_VERIFIER;
    return accepted;
}

void
MobiSocket::NotifyUpdateSent(const AddressUpdateHeader& message)
{
    m_addChangeSentTrace(static_cast<const AddChangeHeader&>(message));
}

void
MobiSocket::NotifyUpdateAccepted(const AddressUpdateHeader& message)
{
    m_addChangeReceivedTrace(static_cast<const AddChangeHeader&>(message));
}

void
MobiSocket::NotifyConfirmSent(const AddressConfirmHeader& message)
{
    m_addConfirmSentTrace(static_cast<const AddConfirmHeader&>(message));
}

void
MobiSocket::NotifyConfirmAccepted(const AddressConfirmHeader& message)
{
    m_addConfirmReceivedTrace(static_cast<const AddConfirmHeader&>(message));
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

} // namespace ns3
