/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mobi-socket.h"

#include "crypto-agent.h"

#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/inet-socket-address.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/log.h"
#include "ns3/node.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MobiSocket");

NS_OBJECT_ENSURE_REGISTERED(MobiSocket);

TypeId
MobiSocket::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::MobiSocket")
            .SetParent<SignallingTcpSocket>()
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
                          MakeEnumAccessorOf<MobiSocket::Signalling>(&MobiSocket::m_signalling),
                          MakeEnumChecker(MobiSocket::APPLICATION,
                                          "Application",
                                          MobiSocket::IN_BAND,
                                          "InBand"))
            .AddTraceSource("MobilityNegotiated",
                            "The handshake completed on a socket that offered mobility; the "
                            "argument says whether the peer accepted it.",
                            MakeTraceSourceAccessor(&MobiSocket::m_negotiatedTrace),
                            "ns3::MobiSocket::NegotiatedTracedCallback");
    return tid;
}

#if MOBISOCKET_OBJECT_OVERRIDES_INSTANCE_TYPE_ID
TypeId
MobiSocket::GetInstanceTypeId() const
{
    return MobiSocket::GetTypeId();
}
#endif

MobiSocket::MobiSocket()
    : SignallingTcpSocket()
{
    NS_LOG_FUNCTION(this);
    SetNegotiationExid(EXID);
    GetExchange()->SetMessageType(MobilityControlHeader::ADD_CHANGE);
}

MobiSocket::MobiSocket(const MobiSocket& other)
    : SignallingTcpSocket(other),
      m_signalling(other.m_signalling),
      m_addChangeVerifier(other.m_addChangeVerifier),
      m_addConfirmVerifier(other.m_addConfirmVerifier)
{
    NS_LOG_FUNCTION(this);
    if (other.m_authenticator)
    {
        // An accepted connection signs and verifies with the listener's keys.
        Ptr<SignatureAuthenticator> keys = GetSignatureAuthenticator();
        keys->SetLocalKeyPair(other.m_authenticator->GetLocalKeyPair());
        if (other.m_authenticator->HasPeerPublicKey())
        {
            keys->SetPeerPublicKey(other.m_authenticator->GetPeerPublicKey());
        }
    }
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
    m_authenticator = nullptr;
    SignallingTcpSocket::DoDispose();
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
    SetErrno(error);
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
    if (GetState() != CLOSED && GetState() != LISTEN)
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
MobiSocket::IsFamilySupported(IpAddress::Family /* family */) const
{
    return true;
}

void
MobiSocket::NotifyEstablished()
{
    SignallingTcpSocket::NotifyEstablished();
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
MobiSocket::CheckUpdateTcb(Direction direction, const Address& newAddress) const
{
    if (direction != SOURCE && direction != DESTINATION)
    {
        return Fail(ERROR_INVAL, "UpdateTcb: direction must be SOURCE or DESTINATION");
    }
    uint16_t port = 0;
    std::optional<IpAddress> ip = IpAddress::FromSocketAddress(newAddress, port);
    if (!ip)
    {
        return Fail(ERROR_INVAL,
                    "UpdateTcb: newAddress is not an InetSocketAddress or an Inet6SocketAddress");
    }
    if (!IsSynchronized())
    {
        return Fail(ERROR_NOTCONN, "UpdateTcb: the socket has no connection");
    }
    if (ip->GetFamily() != GetFamily() || ip->IsIpv4Mapped())
    {
        // One connection, one family: an IPv4-mapped IPv6 address is an IPv4
        // address in disguise, and ns-3 would send it as IPv6.
        return Fail(ERROR_AFNOSUPPORT,
                    ip->IsIpv4Mapped()
                        ? "UpdateTcb: an IPv4-mapped IPv6 address mixes the families"
                        : "UpdateTcb: the address is not of the connection's family (a "
                          "connection keeps its family)");
    }
    if (!IsMobilityActive())
    {
        return Fail(ERROR_OPNOTSUPP,
                    IsOffered()
                        ? "UpdateTcb: the peer does not support mobility; the connection is "
                          "plain TCP"
                        : "UpdateTcb: mobility is not activated (ActivateMobility)");
    }
    if (!ip->IsGlobalHost())
    {
        return Fail(ERROR_INVAL,
                    "UpdateTcb: the address cannot identify a host (wildcard, broadcast, "
                    "multicast, loopback or link-local)");
    }
    return 0;
}

int
MobiSocket::UpdateTcb(Direction direction, const Address& newAddress)
{
    NS_LOG_FUNCTION(this << int(direction) << newAddress);
    if (CheckUpdateTcb(direction, newAddress) != 0)
    {
        return -1;
    }
    uint16_t port = 0;
    const IpAddress ip = *IpAddress::FromSocketAddress(newAddress, port);

    if (direction == DESTINATION)
    {
        if (ip == GetPeerAddress() && (port == 0 || port == GetPeerPort()))
        {
            return 0;
        }
        return RelocatePeer(ip, port) ? 0 : Fail(ERROR_ADDRINUSE, "UpdateTcb: 4-tuple in use");
    }
    if (!GetDeviceForAddress(ip))
    {
        return Fail(ERROR_ADDRNOTAVAIL, "UpdateTcb: the address is not assigned to this node");
    }
    if (ip == GetLocalAddress() && (port == 0 || port == GetLocalPort()))
    {
        return 0;
    }
    if (port != 0 && port != GetLocalPort() && IsPortInUse(ip, port))
    {
        return Fail(ERROR_ADDRINUSE, "UpdateTcb: the port is in use on this node");
    }
    if (m_signalling == IN_BAND && !CanSign())
    {
        return Fail(ERROR_OPNOTSUPP,
                    "UpdateTcb: in-band signalling needs this end's key pair (SetLocalKeyPair)");
    }
    if (!RelocateLocal(ip, port))
    {
        return Fail(ERROR_ADDRINUSE, "UpdateTcb: the new 4-tuple is in use");
    }
    if (m_signalling == IN_BAND)
    {
        GetExchange()->Announce();
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

std::string
MobiSocket::CheckCopyTcb(Ptr<MobiSocket> newSocket, Ptr<MobiSocket> oldSocket)
{
    auto fail = [&newSocket, &oldSocket](SocketErrno error, const std::string& what) {
        oldSocket->SetErrno(error);
        newSocket->SetErrno(error);
        return "CopyTcb: " + what;
    };
    if (newSocket == oldSocket)
    {
        return fail(ERROR_INVAL, "the new and the old socket are the same");
    }
    if (newSocket->GetNode() != oldSocket->GetNode())
    {
        return fail(ERROR_INVAL, "the sockets belong to different nodes");
    }
    if (!oldSocket->IsSynchronized())
    {
        return fail(ERROR_NOTCONN, "the old socket has no connection");
    }
    if (newSocket->HasEndpoint() && newSocket->GetFamily() != oldSocket->GetFamily())
    {
        return fail(ERROR_AFNOSUPPORT,
                    "the new socket is bound to another family than the connection's");
    }
    if (!oldSocket->IsMobilityActive())
    {
        return fail(ERROR_OPNOTSUPP, "mobility is not active on the old socket's connection");
    }
    if (!newSocket->HasEndpoint())
    {
        return fail(ERROR_INVAL, "the new socket must be bound (Bind) first");
    }
    if (newSocket->GetState() != CLOSED)
    {
        return fail(ERROR_ISCONN, "the new socket is connected or listening");
    }
    if (!newSocket->GetLocalAddress().IsAny() && !newSocket->GetLocalAddress().IsGlobalHost())
    {
        return fail(ERROR_INVAL,
                    "the new socket is bound to an address that cannot identify a host "
                    "(a global address is needed)");
    }
    if (oldSocket->m_signalling == IN_BAND && !oldSocket->CanSign())
    {
        return fail(ERROR_OPNOTSUPP, "in-band signalling needs this end's key pair");
    }
    if (!newSocket->PrepareEndpointFor(oldSocket->GetPeerAddress(), oldSocket->GetPeerPort()))
    {
        return fail(ERROR_NOROUTETOHOST, "no route to the peer from the new socket");
    }
    std::string refused;
    if (newSocket->GetLocalAddress() == oldSocket->GetLocalAddress() &&
        newSocket->GetLocalPort() == oldSocket->GetLocalPort())
    {
        refused = fail(ERROR_INVAL, "the new socket has the old socket's address and port");
    }
    else if (newSocket->IsTupleInUse(newSocket->GetLocalAddress(),
                                     newSocket->GetLocalPort(),
                                     oldSocket->GetPeerAddress(),
                                     oldSocket->GetPeerPort()))
    {
        refused = fail(ERROR_ADDRINUSE, "the new 4-tuple is in use");
    }
    if (!refused.empty())
    {
        newSocket->ClearEndpointPeer();
    }
    return refused;
}

int
MobiSocket::CopyTcb(Ptr<MobiSocket> newSocket, Ptr<MobiSocket> oldSocket)
{
    if (!newSocket || !oldSocket)
    {
        Ptr<MobiSocket> given = newSocket ? newSocket : oldSocket;
        return given ? given->Fail(ERROR_INVAL, "CopyTcb: a socket is null") : -1;
    }
    std::string refused = CheckCopyTcb(newSocket, oldSocket);
    if (!refused.empty())
    {
        NS_LOG_WARN(refused);
        return -1;
    }
    newSocket->TakeOver(oldSocket);
    newSocket->m_signalling = oldSocket->m_signalling;
    newSocket->m_addChangeVerifier = oldSocket->m_addChangeVerifier;
    newSocket->m_addConfirmVerifier = oldSocket->m_addConfirmVerifier;
    // The keys travel with the exchange; the verifier now asks for the new socket.
    newSocket->m_authenticator = oldSocket->m_authenticator;
    oldSocket->m_authenticator = nullptr;
    newSocket->InstallVerifiers();
    if (newSocket->m_signalling == IN_BAND)
    {
        newSocket->GetExchange()->Announce();
    }
    return 0;
}

// ------------------------------------------------------------------------------------------
// Keys and verifiers: the policy of the in-band exchange (AddChange/AddConfirm, Ed25519)

Ptr<SignatureAuthenticator>
MobiSocket::GetSignatureAuthenticator()
{
    if (!m_authenticator)
    {
        m_authenticator = Create<SignatureAuthenticator>(CryptoAgent::Get(GetNode()));
        GetExchange()->SetAuthenticator(m_authenticator);
        InstallVerifiers();
    }
    return m_authenticator;
}

bool
MobiSocket::CanSign() const
{
    return m_authenticator && m_authenticator->CanAuthenticate();
}

void
MobiSocket::SetLocalKeyPair(const Ed25519KeyPair& keyPair)
{
    GetSignatureAuthenticator()->SetLocalKeyPair(keyPair);
}

Ed25519KeyPair
MobiSocket::GetLocalKeyPair() const
{
    return m_authenticator ? m_authenticator->GetLocalKeyPair() : Ed25519KeyPair();
}

void
MobiSocket::SetPeerPublicKey(const Ed25519PublicKey& publicKey)
{
    GetSignatureAuthenticator()->SetPeerPublicKey(publicKey);
}

void
MobiSocket::SetAddChangeVerifier(AddChangeVerifier verifier)
{
    m_addChangeVerifier = verifier;
    GetSignatureAuthenticator();
    InstallVerifiers();
}

void
MobiSocket::SetAddConfirmVerifier(AddConfirmVerifier verifier)
{
    m_addConfirmVerifier = verifier;
    GetSignatureAuthenticator();
    InstallVerifiers();
}

void
MobiSocket::InstallVerifiers()
{
    if (!m_authenticator)
    {
        return;
    }
    using Verifier = SignatureAuthenticator::Verifier;
    m_authenticator->SetVerifier(
        MobilityControlHeader::ADD_CHANGE,
        m_addChangeVerifier.IsNull() ? Verifier() : MakeCallback(&MobiSocket::VerifyChange, this));
    m_authenticator->SetVerifier(MobilityControlHeader::ADD_CONFIRM,
                                 m_addConfirmVerifier.IsNull()
                                     ? Verifier()
                                     : MakeCallback(&MobiSocket::VerifyConfirm, this));
}

bool
MobiSocket::VerifyChange(const MobilityControlHeader& message)
{
    return m_addChangeVerifier(this, dynamic_cast<const AddChangeHeader&>(message));
}

bool
MobiSocket::VerifyConfirm(const MobilityControlHeader& message)
{
    return m_addConfirmVerifier(this, dynamic_cast<const AddConfirmHeader&>(message));
}

} // namespace ns3
