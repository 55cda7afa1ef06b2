/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "sip-user-agent.h"

#include "change-authenticator.h"
#include "crypto-agent.h"
#include "ns3-compat.h"
#include "sip-body.h"

#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-route.h"
#include "ns3/ipv4-routing-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/ipv6-header.h"
#include "ns3/ipv6-route.h"
#include "ns3/ipv6-routing-protocol.h"
#include "ns3/ipv6.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/random-variable-stream.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/string.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cstdio>
#include <optional>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MobiSocketSipUserAgent");

NS_OBJECT_ENSURE_REGISTERED(SipUserAgent);

namespace
{
/// The methods this user agent supports (the Allow header).
const char* const ALLOWED_METHODS = "INVITE, ACK, BYE, INFO, OPTIONS";

/**
 * \param node a node
 * \param proxy the proxy's address (its family is the one looked for)
 * \return the source address the node's routing picks towards the proxy,
 *         or nothing if it has no route
 */
std::optional<IpAddress>
RouteSource(Ptr<Node> node, const IpAddress& proxy)
{
    Socket::SocketErrno error;
    if (proxy.IsIpv6())
    {
        Ptr<Ipv6> ipv6 = node->GetObject<Ipv6>();
        if (!ipv6 || !ipv6->GetRoutingProtocol())
        {
            return std::nullopt;
        }
        Ipv6Header header;
        header.SetDestination(proxy.GetIpv6());
        Ptr<Ipv6Route> route =
            ipv6->GetRoutingProtocol()->RouteOutput(nullptr, header, nullptr, error);
        return route ? std::optional<IpAddress>(route->GetSource()) : std::nullopt;
    }
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    if (!ipv4 || !ipv4->GetRoutingProtocol())
    {
        return std::nullopt;
    }
    Ipv4Header header;
    header.SetDestination(proxy.GetIpv4());
    Ptr<Ipv4Route> route = ipv4->GetRoutingProtocol()->RouteOutput(nullptr, header, nullptr, error);
    return route ? std::optional<IpAddress>(route->GetSource()) : std::nullopt;
}

/**
 * \param node a node
 * \param family a family
 * \return the first address of that family on an up interface (for IPv6 a
 *         global one), or the family's wildcard
 */
IpAddress
FirstInterfaceAddress(Ptr<Node> node, IpAddress::Family family)
{
    if (family == IpAddress::IPV6)
    {
        Ptr<Ipv6> ipv6 = node->GetObject<Ipv6>();
        for (uint32_t i = 1; ipv6 && i < ipv6->GetNInterfaces(); ++i)
        {
            for (uint32_t j = 0; ipv6->IsUp(i) && j < ipv6->GetNAddresses(i); ++j)
            {
                IpAddress address(ipv6->GetAddress(i, j).GetAddress());
                if (address.IsGlobalHost())
                {
                    return address;
                }
            }
        }
        return IpAddress::GetAny(family);
    }
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    for (uint32_t i = 1; ipv4 && i < ipv4->GetNInterfaces(); ++i)
    {
        if (ipv4->IsUp(i) && ipv4->GetNAddresses(i) > 0)
        {
            return ipv4->GetAddress(i, 0).GetLocal();
        }
    }
    return IpAddress::GetAny(family);
}
} // namespace

TypeId
SipUserAgent::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::SipUserAgent")
            .SetParent<Application>()
            .SetGroupName("MobiSocket")
            .AddConstructor<SipUserAgent>()
            .AddAttribute("Aor",
                          "The address of record, e.g. sip:mh@mobisocket.test.",
                          StringValue("sip:ua@mobisocket.test"),
                          MakeStringAccessor(&SipUserAgent::m_aor),
                          MakeStringChecker())
            .AddAttribute("ProxyAddress",
                          "IPv4 address of the registrar and proxy (SipProxy).",
                          Ipv4AddressValue(Ipv4Address::GetAny()),
                          MakeIpv4AddressAccessor(&SipUserAgent::m_proxyAddress),
                          MakeIpv4AddressChecker())
            .AddAttribute("ProxyIpv6Address",
                          "IPv6 address of the registrar and proxy; if set (not ::), the user "
                          "agent speaks SIP over IPv6 and ProxyAddress is unused.",
                          Ipv6AddressValue(Ipv6Address::GetAny()),
                          MakeIpv6AddressAccessor(&SipUserAgent::m_proxyAddress6),
                          MakeIpv6AddressChecker())
            .AddAttribute("ProxyPort",
                          "UDP port of the registrar and proxy.",
                          UintegerValue(DEFAULT_PORT),
                          MakeUintegerAccessor(&SipUserAgent::m_proxyPort),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("LocalPort",
                          "UDP port this user agent listens on (bound on any address).",
                          UintegerValue(DEFAULT_PORT),
                          MakeUintegerAccessor(&SipUserAgent::m_localPort),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("RegisterExpires",
                          "Registration lifetime requested in REGISTER (refreshed at half "
                          "the granted lifetime).",
                          TimeValue(Seconds(3600)),
                          MakeTimeAccessor(&SipUserAgent::m_registerExpires),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("T1",
                          "RFC 3261 T1: RTT estimate, first retransmission interval; "
                          "transactions time out after 64*T1.",
                          TimeValue(MilliSeconds(500)),
                          MakeTimeAccessor(&SipUserAgent::m_t1),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("T2",
                          "RFC 3261 T2: largest retransmission interval of non-INVITE "
                          "requests and INVITE responses.",
                          TimeValue(Seconds(4)),
                          MakeTimeAccessor(&SipUserAgent::m_t2),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("T4",
                          "RFC 3261 T4: how long a message may stay in the network "
                          "(Timers I and K).",
                          TimeValue(Seconds(5)),
                          MakeTimeAccessor(&SipUserAgent::m_t4),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("UpdateMode",
                          "Where the mover sends its INFO: straight to the peer's last "
                          "known contact (Direct, the paper's optimization), or to the "
                          "proxy after re-registering (ViaProxy).",
                          EnumValue(SipUserAgent::DIRECT),
                          MakeEnumAccessorOf<SipUserAgent::UpdateMode>(&SipUserAgent::m_updateMode),
                          MakeEnumChecker(SipUserAgent::DIRECT,
                                          "Direct",
                                          SipUserAgent::VIA_PROXY,
                                          "ViaProxy"))
            .AddAttribute(
                "ResetTimer",
                "Call MobiSocket::ResetTimer per the paper's ordering rule: the "
                "peer after updating and sending its INFO, the mover after "
                "verifying the confirming INFO.",
                BooleanValue(true),
                MakeBooleanAccessor(&SipUserAgent::SetResetTimer, &SipUserAgent::GetResetTimer),
                MakeBooleanChecker())
            .AddAttribute("RefreshRegistrationOnMove",
                          "In Direct mode, also re-REGISTER the new contact after sending "
                          "the INFO (ViaProxy always re-registers first).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&SipUserAgent::m_refreshOnMove),
                          MakeBooleanChecker())
            .AddAttribute("MediaPort",
                          "TCP port announced in the SDP by the called (passive) end.",
                          UintegerValue(5001),
                          MakeUintegerAccessor(&SipUserAgent::m_mediaPort),
                          MakeUintegerChecker<uint16_t>(1))
            .AddTraceSource("MessageSent",
                            "A SIP message left (also retransmissions).",
                            MakeTraceSourceAccessor(&SipUserAgent::m_txTrace),
                            "ns3::SipUserAgent::MessageTracedCallback")
            .AddTraceSource("MessageReceived",
                            "A SIP message arrived and parsed.",
                            MakeTraceSourceAccessor(&SipUserAgent::m_rxTrace),
                            "ns3::SipUserAgent::MessageTracedCallback")
            .AddTraceSource("Retransmission",
                            "A request or response was retransmitted (also in MessageSent).",
                            MakeTraceSourceAccessor(&SipUserAgent::m_retransmissionTrace),
                            "ns3::SipUserAgent::MessageTracedCallback")
            .AddTraceSource("Registered",
                            "A REGISTER was answered with a 2xx.",
                            MakeTraceSourceAccessor(&SipUserAgent::m_registeredTrace),
                            "ns3::SipUserAgent::RegisteredTracedCallback")
            .AddTraceSource("SessionEstablished",
                            "The call is set up (caller: 2xx received and ACK sent; callee: "
                            "ACK received).",
                            MakeTraceSourceAccessor(&SipUserAgent::m_sessionTrace),
                            "ns3::SipUserAgent::SessionTracedCallback")
            .AddTraceSource("CallFailed",
                            "The INVITE failed (final status, 0 for a timeout).",
                            MakeTraceSourceAccessor(&SipUserAgent::m_callFailedTrace),
                            "ns3::SipUserAgent::CallFailedTracedCallback")
            .AddTraceSource("MessageRejected",
                            "A received update message (an INFO or its content) was rejected: "
                            "the SIP checks here, and every rejection of the exchange.",
                            MakeTraceSourceAccessor(&SipUserAgent::m_rejectedTrace),
                            "ns3::SipUserAgent::RejectedTracedCallback");
    return tid;
}

SipUserAgent::SipUserAgent()
{
    NS_LOG_FUNCTION(this);
    m_rng = CreateObject<UniformRandomVariable>();
    m_exchange = CreateObject<ChangeExchange>();
    m_exchange->SetConnection(this);
    m_exchange->SetTransport(this);
    m_exchange->SetMessageType(MobilityControlHeader::ADD_CHANGE);
    m_exchange->SetResetTimer(m_resetTimer);
    m_exchange->TraceConnectWithoutContext("Rejected",
                                           MakeCallback(&SipUserAgent::RejectInfo, this));
}

SipUserAgent::~SipUserAgent()
{
    NS_LOG_FUNCTION(this);
}

void
SipUserAgent::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_refreshEvent.Cancel();
    if (m_exchange)
    {
        m_exchange->Dispose();
        m_exchange = nullptr;
    }
    m_authenticator = nullptr;
    for (auto& entry : m_clients)
    {
        entry.second->Dispose();
    }
    m_clients.clear();
    for (auto& entry : m_servers)
    {
        entry.second->Dispose();
    }
    m_servers.clear();
    m_registerTransaction = nullptr;
    m_updateTransaction = nullptr;
    m_updateRetry.Cancel();
    m_confirmTransaction = nullptr;
    m_session = Session();
    m_sessionSocket = nullptr;
    if (m_socket)
    {
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_socket->Close();
        m_socket = nullptr;
    }
    m_rng = nullptr;
    Application::DoDispose();
}

void
SipUserAgent::StartApplication()
{
    NS_LOG_FUNCTION(this);
    EnsureSocket();
}

void
SipUserAgent::StopApplication()
{
    NS_LOG_FUNCTION(this);
    m_refreshEvent.Cancel();
    for (auto& entry : m_clients)
    {
        entry.second->Terminate();
    }
    for (auto& entry : m_servers)
    {
        entry.second->Terminate();
    }
    if (m_socket)
    {
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_socket->Close();
        m_socket = nullptr;
    }
}

int64_t
SipUserAgent::AssignStreams(int64_t stream)
{
    m_rng->SetStream(stream);
    return 1;
}

void
SipUserAgent::SetKeyPair(const Ed25519KeyPair& keyPair)
{
    m_keyPair = keyPair;
}

void
SipUserAgent::SetResetTimer(bool resetTimer)
{
    m_resetTimer = resetTimer;
    if (m_exchange)
    {
        m_exchange->SetResetTimer(resetTimer);
    }
}

bool
SipUserAgent::GetResetTimer() const
{
    return m_resetTimer;
}

Ptr<ChangeExchange>
SipUserAgent::GetExchange() const
{
    return m_exchange;
}

void
SipUserAgent::SyncAuthenticator()
{
    if (!m_authenticator)
    {
        m_authenticator = Create<SignatureAuthenticator>(CryptoAgent::Get(GetNode()));
        m_exchange->SetAuthenticator(m_authenticator);
    }
    m_authenticator->SetLocalKeyPair(m_keyPair);
    if (m_session.hasPeerKey)
    {
        m_authenticator->SetPeerPublicKey(m_session.peerKey);
    }
}

SipTimers
SipUserAgent::GetTimers() const
{
    SipTimers timers;
    timers.t1 = m_t1;
    timers.t2 = m_t2;
    timers.t4 = m_t4;
    return timers;
}

std::string
SipUserAgent::GetUser() const
{
    return SipMessage::GetUriUser(m_aor);
}

std::string
SipUserAgent::GetDomain() const
{
    std::string host;
    uint16_t port = 0;
    return SipMessage::GetUriHostPort(m_aor, host, port) ? host : "";
}

std::string
SipUserAgent::NewTag()
{
    char text[9];
    snprintf(text, sizeof(text), "%08x", m_rng->GetInteger(0, 0xffffffff));
    return text;
}

std::string
SipUserAgent::NewBranch()
{
    char text[17];
    snprintf(text,
             sizeof(text),
             "%08x%08x",
             m_rng->GetInteger(0, 0xffffffff),
             m_rng->GetInteger(0, 0xffffffff));
    return std::string(SipMessage::BRANCH_MAGIC) + text;
}

IpAddress
SipUserAgent::GetProxyAddress() const
{
    return m_proxyAddress6.IsAny() ? IpAddress(m_proxyAddress) : IpAddress(m_proxyAddress6);
}

IpAddress
SipUserAgent::FindLocalAddress() const
{
    IpAddress proxy = GetProxyAddress();
    if (!GetNode())
    {
        return IpAddress::GetAny(proxy.GetFamily());
    }
    std::optional<IpAddress> source = proxy.IsAny() ? std::nullopt : RouteSource(GetNode(), proxy);
    return source ? *source : FirstInterfaceAddress(GetNode(), proxy.GetFamily());
}

bool
SipUserAgent::EnsureSocket()
{
    if (m_socket)
    {
        // The host may have had no address when the socket was made (DHCP).
        if (m_localAddress.IsAny())
        {
            m_localAddress = FindLocalAddress();
        }
        return true;
    }
    if (!GetNode())
    {
        NS_LOG_WARN("the user agent is not installed on a node");
        return false;
    }
    if (GetUser().empty() || GetDomain().empty())
    {
        NS_LOG_WARN("invalid Aor '" << m_aor << "': expected sip:user@domain");
        return false;
    }
    m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    IpAddress::Family family = GetProxyAddress().GetFamily();
    if (m_socket->Bind(IpAddress::GetAny(family).ToSocketAddress(m_localPort)) != 0)
    {
        NS_LOG_WARN("cannot bind UDP port " << m_localPort);
        m_socket = nullptr;
        return false;
    }
    m_socket->SetRecvCallback(MakeCallback(&SipUserAgent::HandleRead, this));
    if (m_localAddress.IsAny())
    {
        m_localAddress = FindLocalAddress();
    }
    if (m_registerCallId.empty())
    {
        m_registerCallId = NewTag() + NewTag() + "@" + SipInfoBody::FormatAddress(m_localAddress);
        m_registerTag = NewTag();
    }
    NS_LOG_INFO(m_aor << " listening on UDP " << m_localPort << ", address " << m_localAddress);
    return true;
}

std::string
SipUserAgent::GetContact() const
{
    return SipMessage::MakeUri(GetUser(), SipInfoBody::FormatHost(m_localAddress), m_localPort);
}

IpAddress
SipUserAgent::GetLocalAddress() const
{
    return m_localAddress;
}

void
SipUserAgent::Transmit(const SipMessage& message,
                       IpAddress destination,
                       uint16_t port,
                       bool retransmission)
{
    std::string text = message.ToString();
    if (!m_socket || text.empty())
    {
        NS_LOG_WARN("cannot send " << message.GetLabel() << ": no socket or no text");
        return;
    }
    Ptr<Packet> packet = Create<Packet>(reinterpret_cast<const uint8_t*>(text.data()), text.size());
    int rc = m_socket->SendTo(packet, 0, destination.ToSocketAddress(port));
    NS_LOG_LOGIC(m_aor << (retransmission ? " retransmits " : " sends ") << message.GetLabel()
                       << " (" << text.size() << " bytes) to " << destination << ":" << port
                       << (rc < 0 ? " - the socket refused it" : ""));
    if (rc < 0)
    {
        return; // not on the wire: the transaction's next retransmission may do better
    }
    m_txTrace(message, text.size());
    if (retransmission)
    {
        ++m_retransmissions;
        m_retransmissionTrace(message, text.size());
    }
}

void
SipUserAgent::HandleRead(Ptr<Socket> socket)
{
    Address from;
    Ptr<Packet> packet;
    while ((packet = socket->RecvFrom(from)))
    {
        if (packet->GetSize() == 0)
        {
            continue;
        }
        uint16_t port = 0;
        IpAddress source = IpAddress::FromSocketAddress(from, port).value_or(IpAddress());
        std::vector<uint8_t> bytes(packet->GetSize());
        packet->CopyData(bytes.data(), bytes.size());
        SipMessage message = SipMessage::Parse(bytes.data(), bytes.size());
        if (!message.IsValid())
        {
            ++m_parseErrors;
            NS_LOG_WARN(m_aor << " dropped " << bytes.size() << " bytes from " << source
                              << ": not a usable SIP message");
            continue;
        }
        NS_LOG_LOGIC(m_aor << " received " << message.GetLabel() << " (" << bytes.size()
                           << " bytes) from " << source << ":" << port);
        m_rxTrace(message, bytes.size());
        if (message.IsRequest())
        {
            ReceiveRequest(message, source, port);
        }
        else
        {
            ReceiveResponse(message);
        }
    }
}

Ptr<SipClientTransaction>
SipUserAgent::StartClientTransaction(const SipMessage& request,
                                     IpAddress destination,
                                     uint16_t port)
{
    // Forget the transactions that are over.
    for (auto it = m_clients.begin(); it != m_clients.end();)
    {
        if (it->second->GetState() == SipClientTransaction::TERMINATED)
        {
            it = m_clients.erase(it);
        }
        else
        {
            ++it;
        }
    }
    Ptr<SipClientTransaction> transaction = CreateObject<SipClientTransaction>();
    transaction->Setup(request,
                       destination,
                       port,
                       GetTimers(),
                       MakeCallback(&SipUserAgent::Transmit, this));
    transaction->SetResponseCallback(MakeCallback(&SipUserAgent::TransactionResponse, this));
    transaction->SetTimeoutCallback(MakeCallback(&SipUserAgent::TransactionTimeout, this));
    m_clients[transaction->GetBranch()] = transaction;
    transaction->Start();
    return transaction;
}

SipMessage
SipUserAgent::BuildInDialogRequest(const std::string& method, const std::string& requestUri)
{
    SipMessage request = SipMessage::CreateRequest(method, requestUri);
    request.PushVia(SipInfoBody::FormatHost(m_localAddress), m_localPort, NewBranch());
    request.SetFrom(m_aor, m_session.localTag);
    request.SetTo(m_session.peerAor, m_session.remoteTag);
    request.SetCallId(m_session.callId);
    request.SetCSeq(++m_session.localCSeq, method);
    request.SetContact(GetContact());
    return request;
}

bool
SipUserAgent::GetUpdateRoute(std::string& target, IpAddress& destination, uint16_t& port) const
{
    destination = GetProxyAddress();
    port = m_proxyPort;
    target = m_session.peerAor;
    if (m_updateMode == DIRECT)
    {
        target = m_session.remoteTarget;
        return SipInfoBody::ResolveUri(target, destination, port);
    }
    return true;
}

SipMessage
SipUserAgent::BuildUpdateInfo(const std::string& target,
                              const std::string& contentType,
                              const std::string& body)
{
    SipMessage info = BuildInDialogRequest("INFO", target);
    info.SetHeader("Info-Package", SipInfoBody::INFO_PACKAGE);
    info.SetBody(contentType, body);
    return info;
}

// ---------------------------------------------------------------------------
// Registration

bool
SipUserAgent::Register()
{
    NS_LOG_FUNCTION(this);
    if (!EnsureSocket())
    {
        return false;
    }
    if (GetProxyAddress().IsAny())
    {
        NS_LOG_WARN(m_aor << ": cannot register, ProxyAddress is not set");
        return false;
    }
    m_refreshEvent.Cancel();
    if (m_registerTransaction &&
        m_registerTransaction->GetState() != SipClientTransaction::TERMINATED &&
        m_registerTransaction->GetFinalStatus() == 0)
    {
        NS_LOG_INFO(m_aor << ": a new REGISTER supersedes the pending one");
        m_registerTransaction->Terminate();
    }
    SipMessage request = SipMessage::CreateRequest("REGISTER", "sip:" + GetDomain());
    request.PushVia(SipInfoBody::FormatHost(m_localAddress), m_localPort, NewBranch());
    request.SetFrom(m_aor, m_registerTag);
    request.SetTo(m_aor);
    request.SetCallId(m_registerCallId);
    request.SetCSeq(++m_registerCSeq, "REGISTER");
    request.SetContact(GetContact());
    request.SetExpires(static_cast<uint32_t>(m_registerExpires.GetSeconds()));
    m_registerTransaction = StartClientTransaction(request, GetProxyAddress(), m_proxyPort);
    return true;
}

void
SipUserAgent::RegisterAnswered(Ptr<SipClientTransaction> transaction, const SipMessage& response)
{
    if (transaction != m_registerTransaction)
    {
        NS_LOG_LOGIC("answer to a superseded REGISTER ignored");
        return;
    }
    int status = response.IsValid() ? response.GetStatusCode() : 0;
    if (status >= 100 && status < 200)
    {
        return;
    }
    bool awaited = m_updateAwaitsRegistration;
    m_updateAwaitsRegistration = false;
    if (status < 200 || status >= 300)
    {
        m_registered = false;
        NS_LOG_WARN(m_aor << ": registration failed ("
                          << (status ? std::to_string(status) : std::string("timeout")) << ")");
        if (awaited)
        {
            m_exchange->ReportFailure(0, ChangeFailReason::RENDEZVOUS_FAILED);
        }
        return;
    }
    int64_t expires = response.GetContactExpires();
    if (expires < 0)
    {
        expires = response.GetExpires();
    }
    if (expires < 0)
    {
        expires = static_cast<int64_t>(m_registerExpires.GetSeconds());
    }
    m_registered = expires > 0;
    NS_LOG_INFO(m_aor << " registered " << GetContact() << " for " << expires << " s");
    m_registeredTrace(GetContact(), Seconds(expires));
    if (expires > 0)
    {
        m_refreshEvent = ScheduleLambda(Seconds(expires / 2.0), [this]() { Register(); });
    }
    if (awaited)
    {
        SyncAuthenticator();
        m_exchange->Announce();
    }
}

// ---------------------------------------------------------------------------
// Call set-up

bool
SipUserAgent::Call(const std::string& peerAor)
{
    NS_LOG_FUNCTION(this << peerAor);
    if (!EnsureSocket())
    {
        return false;
    }
    if (m_session.exists)
    {
        NS_LOG_WARN(m_aor << ": already in a session (" << m_session.callId << ")");
        return false;
    }
    std::string aor = SipMessage::GetAor(peerAor);
    if (aor.empty() || SipMessage::GetUriUser(aor).empty())
    {
        NS_LOG_WARN(m_aor << ": invalid peer AOR '" << peerAor << "'");
        return false;
    }
    if (GetProxyAddress().IsAny())
    {
        NS_LOG_WARN(m_aor << ": cannot call, ProxyAddress is not set");
        return false;
    }
    if (!m_keyPair.IsSet())
    {
        NS_LOG_WARN(m_aor << ": calling without a key pair; the peer cannot authenticate "
                             "updates");
    }
    m_session = Session();
    m_session.exists = true;
    m_session.caller = true;
    m_session.callId = NewTag() + NewTag() + "@" + SipInfoBody::FormatAddress(m_localAddress);
    m_session.localTag = NewTag();
    m_session.peerAor = aor;
    m_session.remoteTarget = aor;

    SipSessionDescription offer;
    offer.user = GetUser();
    offer.address = m_localAddress;
    offer.port = 9; // RFC 4145: an active end announces the discard port
    offer.setup = SipSessionDescription::ACTIVE;
    offer.key = m_keyPair.publicKey;
    offer.hasKey = m_keyPair.IsSet();

    SipMessage invite = SipMessage::CreateRequest("INVITE", aor);
    invite.PushVia(SipInfoBody::FormatHost(m_localAddress), m_localPort, NewBranch());
    invite.SetFrom(m_aor, m_session.localTag);
    invite.SetTo(aor);
    invite.SetCallId(m_session.callId);
    m_session.inviteCSeq = ++m_session.localCSeq;
    invite.SetCSeq(m_session.inviteCSeq, "INVITE");
    invite.SetContact(GetContact());
    invite.SetHeader("Recv-Info", SipInfoBody::INFO_PACKAGE);
    invite.SetHeader("Allow", ALLOWED_METHODS);
    invite.SetBody(SipSessionDescription::CONTENT_TYPE, offer.ToString());
    NS_LOG_INFO(m_aor << " calls " << aor);
    StartClientTransaction(invite, GetProxyAddress(), m_proxyPort);
    return true;
}

void
SipUserAgent::InviteAnswered(const SipMessage& response)
{
    int status = response.IsValid() ? response.GetStatusCode() : 0;
    if (status >= 100 && status < 200)
    {
        return;
    }
    if (!m_session.exists || !m_session.caller ||
        (response.IsValid() && response.GetCallId() != m_session.callId))
    {
        return;
    }
    if (status < 200 || status >= 300)
    {
        NS_LOG_WARN(m_aor << ": the call to " << m_session.peerAor << " failed ("
                          << (status ? std::to_string(status) : std::string("timeout")) << ")");
        m_session = Session();
        m_callFailedTrace(status);
        return;
    }
    if (!m_session.established)
    {
        std::string contact = response.GetContactUri();
        IpAddress address;
        uint16_t port = 0;
        if (!SipInfoBody::ResolveUri(contact, address, port))
        {
            NS_LOG_WARN(m_aor << ": the 200 OK has no usable Contact ('" << contact << "')");
            m_session = Session();
            m_callFailedTrace(status);
            return;
        }
        m_session.remoteTag = response.GetToTag();
        m_session.remoteTarget = contact;
        SipSessionDescription answer;
        if (response.GetContentType() == SipSessionDescription::CONTENT_TYPE &&
            SipSessionDescription::Parse(response.GetBody(), answer) && answer.hasKey)
        {
            m_session.peerKey = answer.key;
            m_session.hasPeerKey = true;
        }
        else
        {
            NS_LOG_WARN(m_aor << ": the answer carries no MobiSocket key; updates from the "
                                 "peer cannot be authenticated");
        }
        SipMessage ack = SipMessage::CreateRequest("ACK", m_session.remoteTarget);
        ack.PushVia(SipInfoBody::FormatHost(m_localAddress), m_localPort, NewBranch());
        ack.SetFrom(m_aor, m_session.localTag);
        ack.SetTo(m_session.peerAor, m_session.remoteTag);
        ack.SetCallId(m_session.callId);
        ack.SetCSeq(m_session.inviteCSeq, "ACK");
        m_session.ack = ack;
        m_session.established = true;
        Transmit(m_session.ack, address, port, false);
        NS_LOG_INFO(m_aor << ": session established with " << m_session.remoteTarget);
        m_sessionTrace(m_session.callId, m_session.remoteTarget);
        return;
    }
    // A retransmitted 2xx: our ACK was lost.
    IpAddress address;
    uint16_t port = 0;
    if (m_session.ack.IsValid() && SipInfoBody::ResolveUri(m_session.remoteTarget, address, port))
    {
        Transmit(m_session.ack, address, port, true);
    }
}

void
SipUserAgent::HandleInvite(const SipMessage& request, Ptr<SipServerTransaction> transaction)
{
    if (m_session.exists)
    {
        NS_LOG_WARN(m_aor << ": INVITE refused, "
                          << (request.GetCallId() == m_session.callId
                                  ? "re-INVITEs are not supported"
                                  : "already in a session"));
        Reply(transaction, request.GetCallId() == m_session.callId ? 488 : 486);
        return;
    }
    std::string contact = request.GetContactUri();
    IpAddress address;
    uint16_t port = 0;
    if (!SipInfoBody::ResolveUri(contact, address, port) || request.GetFromTag().empty())
    {
        NS_LOG_WARN(m_aor << ": INVITE without a usable Contact or From tag");
        Reply(transaction, 400);
        return;
    }
    SipSessionDescription offer;
    if (request.GetContentType() != SipSessionDescription::CONTENT_TYPE ||
        !SipSessionDescription::Parse(request.GetBody(), offer))
    {
        NS_LOG_WARN(m_aor << ": INVITE without a MobiSocket media description");
        Reply(transaction, 488);
        return;
    }
    m_session = Session();
    m_session.exists = true;
    m_session.callId = request.GetCallId();
    m_session.localTag = NewTag();
    m_session.remoteTag = request.GetFromTag();
    m_session.peerAor = SipMessage::GetAor(request.GetFromUri());
    m_session.remoteTarget = contact;
    m_session.remoteCSeq = request.GetCSeqNumber();
    m_session.invite = transaction;
    if (offer.hasKey)
    {
        m_session.peerKey = offer.key;
        m_session.hasPeerKey = true;
    }
    else
    {
        NS_LOG_WARN(m_aor << ": the offer carries no MobiSocket key; updates from the peer "
                             "cannot be authenticated");
    }

    SipSessionDescription answer;
    answer.user = GetUser();
    answer.address = m_localAddress;
    answer.port = m_mediaPort;
    answer.setup = SipSessionDescription::PASSIVE;
    answer.key = m_keyPair.publicKey;
    answer.hasKey = m_keyPair.IsSet();
    SipMessage ok = SipMessage::CreateResponse(request, 200);
    ok.SetToTag(m_session.localTag);
    ok.SetContact(GetContact());
    ok.SetHeader("Recv-Info", SipInfoBody::INFO_PACKAGE);
    ok.SetHeader("Allow", ALLOWED_METHODS);
    ok.SetBody(SipSessionDescription::CONTENT_TYPE, answer.ToString());
    NS_LOG_INFO(m_aor << " accepts the call from " << m_session.peerAor);
    transaction->Respond(ok);
}

void
SipUserAgent::HandleAck(const SipMessage& request)
{
    auto it = m_servers.find(SipServerTransaction::GetKey(request));
    if (it != m_servers.end())
    {
        it->second->ReceiveAck(); // ACK of a non-2xx final response
        return;
    }
    if (!m_session.exists || m_session.caller || request.GetCallId() != m_session.callId ||
        request.GetCSeqNumber() != m_session.remoteCSeq)
    {
        NS_LOG_LOGIC(m_aor << ": ACK outside the session ignored");
        return;
    }
    if (m_session.invite)
    {
        m_session.invite->ReceiveAck();
    }
    if (!m_session.established)
    {
        m_session.established = true;
        NS_LOG_INFO(m_aor << ": session established with " << m_session.remoteTarget);
        m_sessionTrace(m_session.callId, m_session.remoteTarget);
    }
}

void
SipUserAgent::HandleBye(const SipMessage& request, Ptr<SipServerTransaction> transaction)
{
    if (!m_session.exists || request.GetCallId() != m_session.callId)
    {
        Reply(transaction, 481);
        return;
    }
    NS_LOG_INFO(m_aor << ": the peer ended the session");
    Reply(transaction, 200);
    m_session = Session();
}

// ---------------------------------------------------------------------------
// Requests and responses

void
SipUserAgent::Reply(Ptr<SipServerTransaction> transaction, int status)
{
    SipMessage response = SipMessage::CreateResponse(transaction->GetRequest(), status);
    if (status >= 200 && response.GetToTag().empty())
    {
        response.SetToTag(m_session.exists &&
                                  transaction->GetRequest().GetCallId() == m_session.callId
                              ? m_session.localTag
                              : NewTag());
    }
    if (status == 469)
    {
        response.SetHeader("Recv-Info", SipInfoBody::INFO_PACKAGE);
    }
    if (status == 503)
    {
        response.SetHeader("Retry-After", std::to_string(RETRY_AFTER_S));
    }
    if (status == 405)
    {
        response.SetHeader("Allow", ALLOWED_METHODS);
    }
    transaction->Respond(response);
}

void
SipUserAgent::ReceiveRequest(const SipMessage& request, IpAddress source, uint16_t port)
{
    std::string method = request.GetMethod();
    if (method == "ACK")
    {
        HandleAck(request);
        return;
    }
    std::string key = SipServerTransaction::GetKey(request);
    auto it = m_servers.find(key);
    if (it != m_servers.end())
    {
        NS_LOG_LOGIC(m_aor << ": retransmitted " << method);
        it->second->ReceiveRetransmission();
        return;
    }
    Ptr<SipServerTransaction> transaction = CreateObject<SipServerTransaction>();
    transaction->Setup(request,
                       source,
                       port,
                       GetTimers(),
                       MakeCallback(&SipUserAgent::Transmit, this));
    transaction->SetTerminatedCallback(
        MakeCallback(&SipUserAgent::ServerTransactionFinished, this));
    m_servers[key] = transaction;

    if (SipMessage::GetUriUser(request.GetRequestUri()) != GetUser())
    {
        NS_LOG_WARN(m_aor << ": request for " << request.GetRequestUri() << " is not for us");
        Reply(transaction, 404);
        return;
    }
    if (method == "INVITE")
    {
        HandleInvite(request, transaction);
    }
    else if (method == "INFO")
    {
        HandleInfo(request, transaction);
    }
    else if (method == "BYE")
    {
        HandleBye(request, transaction);
    }
    else if (method == "OPTIONS")
    {
        Reply(transaction, 200);
    }
    else
    {
        Reply(transaction, 405);
    }
}

void
SipUserAgent::ServerTransactionFinished(Ptr<SipServerTransaction> transaction)
{
    m_servers.erase(transaction->GetKey());
    if (m_session.invite == transaction)
    {
        m_session.invite = nullptr;
    }
}

void
SipUserAgent::ReceiveResponse(const SipMessage& response)
{
    auto it = m_clients.find(response.GetTopViaBranch());
    if (it == m_clients.end() || !it->second->Matches(response))
    {
        NS_LOG_LOGIC(m_aor << ": " << response.GetLabel() << " matches no transaction");
        return;
    }
    Ptr<SipClientTransaction> transaction = it->second;
    transaction->ReceiveResponse(response);
}

void
SipUserAgent::TransactionResponse(Ptr<SipClientTransaction> transaction, const SipMessage& response)
{
    std::string method = transaction->GetRequest().GetMethod();
    if (method == "REGISTER")
    {
        RegisterAnswered(transaction, response);
    }
    else if (method == "INVITE")
    {
        InviteAnswered(response);
    }
    else if (method == "INFO")
    {
        InfoAnswered(transaction, response);
    }
}

void
SipUserAgent::TransactionTimeout(Ptr<SipClientTransaction> transaction)
{
    std::string method = transaction->GetRequest().GetMethod();
    NS_LOG_WARN(m_aor << ": " << method << " timed out after " << transaction->GetTransmissions()
                      << " transmissions");
    TransactionResponse(transaction, SipMessage());
}

// ---------------------------------------------------------------------------
// The update procedure, as the mover

void
SipUserAgent::FailBeforeUpdate(ChangeFailReason failure)
{
    m_exchange->ReportFailure(0, failure);
    if (m_registered)
    {
        Register(); // no update is possible: still register the new contact
    }
}

void
SipUserAgent::NotifyAddressChange(IpAddress newAddress)
{
    NS_LOG_FUNCTION(this << newAddress);
    IpAddress previous = m_localAddress;
    m_localAddress = newAddress;
    NS_LOG_INFO(m_aor << ": address changed from " << previous << " to " << newAddress);
    if (!EnsureSocket())
    {
        return;
    }
    if (!m_session.established || !m_sessionSocket)
    {
        NS_LOG_WARN(m_aor << ": address changed without "
                          << (m_session.established ? "a session socket (SetSessionSocket)"
                                                    : "an established session"));
        return FailBeforeUpdate(ChangeFailReason::NO_CONNECTION);
    }
    if (!m_keyPair.IsSet())
    {
        NS_LOG_WARN(m_aor << ": address changed, but there is no key pair to sign the update");
        return FailBeforeUpdate(ChangeFailReason::NO_KEY);
    }
    // A newer move supersedes an unfinished update.
    m_updateAwaitsRegistration = false;
    m_updateRetry.Cancel();
    if (m_updateTransaction)
    {
        m_updateTransaction->Terminate();
        m_updateTransaction = nullptr;
    }
    if (m_sessionSocket->UpdateTcb(MobiSocket::SOURCE, newAddress.ToSocketAddress(0)) != 0)
    {
        NS_LOG_WARN(m_aor << ": UpdateTcb(SOURCE, " << newAddress << ") failed (errno "
                          << m_sessionSocket->GetErrno() << ")");
        return FailBeforeUpdate(ChangeFailReason::UPDATE_REFUSED);
    }
    if (m_exchange->GetAddressKnownToPeer().IsAny())
    {
        m_exchange->SetAddressKnownToPeer(previous);
    }
    if (m_updateMode == VIA_PROXY)
    {
        // Re-register first; the INFO is signed and sent after the 200 OK.
        m_updateAwaitsRegistration = true;
        if (!Register())
        {
            m_updateAwaitsRegistration = false;
            m_exchange->ReportFailure(0, ChangeFailReason::RENDEZVOUS_FAILED);
        }
        return;
    }
    SyncAuthenticator();
    m_exchange->Announce();
}

void
SipUserAgent::SendUpdate(const AddressUpdateHeader& message)
{
    const auto& change = dynamic_cast<const AddChangeHeader&>(message);
    NS_LOG_INFO(m_aor << " sends AddChange " << change.GetSequence() << " ("
                      << change.GetOldAddress() << " -> " << change.GetNewAddress() << ")");
    if (!SendUpdateInfo(SipInfoBody::Encode(change)))
    {
        return;
    }
    if (m_updateMode == DIRECT && m_refreshOnMove && m_registered)
    {
        Register();
    }
}

void
SipUserAgent::SendConfirm(const AddressConfirmHeader& message)
{
    if (!m_session.exists) // established implies exists
    {
        return;
    }
    std::string target;
    IpAddress destination;
    uint16_t port = 0;
    // Direct: if the contact does not resolve, the INFO goes to the proxy's address.
    GetUpdateRoute(target, destination, port);
    if (m_confirmTransaction)
    {
        m_confirmTransaction->Terminate(); // superseded by a newer change
    }
    const auto& confirm = dynamic_cast<const AddConfirmHeader&>(message);
    SipMessage info =
        BuildUpdateInfo(target, SipInfoBody::ADD_CONFIRM_TYPE, SipInfoBody::Encode(confirm));
    NS_LOG_INFO(m_aor << " sends AddConfirm " << confirm.GetSequence() << " to " << target);
    m_confirmTransaction = StartClientTransaction(info, destination, port);
}

Time
SipUserAgent::GetConfirmationTimeout(uint32_t /* transmissions */) const
{
    return 64 * m_t1; // the INFO's own transaction retransmits it meanwhile
}

uint32_t
SipUserAgent::GetMaxRetransmissions() const
{
    return 0;
}

bool
SipUserAgent::RetransmitsItself() const
{
    return true;
}

void
SipUserAgent::InfoAnswered(Ptr<SipClientTransaction> transaction, const SipMessage& response)
{
    int status = response.IsValid() ? response.GetStatusCode() : 0;
    if (status >= 100 && status < 200)
    {
        return;
    }
    bool success = status >= 200 && status < 300;
    if (transaction == m_updateTransaction)
    {
        m_updateTransaction = nullptr;
        // Without a Retry-After, a 503 is a 500 (RFC 3261 21.5.4).
        int64_t retryAfter = response.IsValid() ? response.GetRetryAfter() : -1;
        if (status == 503 && retryAfter >= 0)
        {
            // The peer could not take it now (its check budget was spent):
            // the same AddChange again, in a new INFO, when it says.
            std::string body = transaction->GetRequest().GetBody();
            m_updateRetry =
                ScheduleLambda(Seconds(retryAfter), [this, body]() { SendUpdateInfo(body); });
            return;
        }
        if (!success)
        {
            m_exchange->FailPending(status ? ChangeFailReason::TRANSPORT_REFUSED
                                           : ChangeFailReason::TRANSPORT_TIMEOUT);
        }
    }
    else if (transaction == m_confirmTransaction)
    {
        m_confirmTransaction = nullptr;
        if (!success)
        {
            AddConfirmHeader confirm;
            SipInfoBody::Decode(transaction->GetRequest().GetBody(), confirm);
            m_exchange->ReportFailure(confirm.GetSequence(), ChangeFailReason::CONFIRM_FAILED);
        }
    }
}

bool
SipUserAgent::SendUpdateInfo(const std::string& body)
{
    std::string target;
    IpAddress destination;
    uint16_t port = 0;
    if (!GetUpdateRoute(target, destination, port))
    {
        NS_LOG_WARN(m_aor << ": the peer's contact '" << target << "' has no IP address as host");
        m_exchange->FailPending(ChangeFailReason::TRANSPORT_REFUSED);
        return false;
    }
    NS_LOG_INFO(m_aor << " sends an INFO with its AddChange to " << target);
    SipMessage info = BuildUpdateInfo(target, SipInfoBody::ADD_CHANGE_TYPE, body);
    m_updateTransaction = StartClientTransaction(info, destination, port);
    return true;
}

// ---------------------------------------------------------------------------
// Received INFOs

void
SipUserAgent::RejectInfo(MobilityControlHeader::MessageType type, ChangeRejectReason reason)
{
    ++m_rejects.at(static_cast<std::size_t>(reason));
    NS_LOG_WARN(m_aor << ": update message of type " << int(type) << " rejected (" << reason
                      << ")");
    m_rejectedTrace(type, reason);
}

void
SipUserAgent::RefuseInfo(Ptr<SipServerTransaction> transaction,
                         int status,
                         ChangeRejectReason reason)
{
    Reply(transaction, status);
    RejectInfo(MobilityControlHeader::ADD_CHANGE, reason);
}

void
SipUserAgent::HandleInfo(const SipMessage& request, Ptr<SipServerTransaction> transaction)
{
    if (!m_session.exists || request.GetCallId() != m_session.callId ||
        request.GetFromTag() != m_session.remoteTag || request.GetToTag() != m_session.localTag)
    {
        return RefuseInfo(transaction, 481, ChangeRejectReason::WRONG_TOKEN); // no such dialog
    }
    if (request.GetHeader("Info-Package") != SipInfoBody::INFO_PACKAGE)
    {
        return RefuseInfo(transaction, 469, ChangeRejectReason::MALFORMED); // another package
    }
    // RFC 3261 12.2.2 would answer an out-of-order CSeq with 500; concurrent
    // INFOs of both ends over UDP can be reordered by retransmissions, and the
    // AddChange sequence number already protects against replays, so the CSeq
    // is only recorded.
    m_session.remoteCSeq = std::max(m_session.remoteCSeq, request.GetCSeqNumber());
    std::string type = request.GetContentType();
    if (type != SipInfoBody::ADD_CHANGE_TYPE && type != SipInfoBody::ADD_CONFIRM_TYPE)
    {
        return RefuseInfo(transaction, 415, ChangeRejectReason::MALFORMED);
    }
    SyncAuthenticator();
    const ChangeExchange::Origin origin; // through the proxy: no address to check
    if (type == SipInfoBody::ADD_CHANGE_TYPE)
    {
        AddChangeHeader change;
        if (!SipInfoBody::Decode(request.GetBody(), change))
        {
            return RefuseInfo(transaction, 400, ChangeRejectReason::MALFORMED);
        }
        m_infoContacts[change.GetSequence()] = request.GetContactUri();
        // 200 says the INFO was received, not that its content was accepted;
        // but one refused only for want of checks can come again (503).
        std::optional<ChangeRejectReason> refusal = m_exchange->ReceiveUpdate(change, origin);
        Reply(transaction, refusal == ChangeRejectReason::OVER_BUDGET ? 503 : 200);
        return;
    }
    AddConfirmHeader confirm;
    if (!SipInfoBody::Decode(request.GetBody(), confirm))
    {
        return RefuseInfo(transaction, 400, ChangeRejectReason::MALFORMED);
    }
    Reply(transaction, 200);
    m_exchange->ReceiveConfirm(confirm, origin);
}

// ---------------------------------------------------------------------------
// The session's connection, as the exchange sees it

bool
SipUserAgent::CanRelocate() const
{
    return m_session.established && m_sessionSocket && m_sessionSocket->IsMobilityActive();
}

uint64_t
SipUserAgent::GetExchangeToken() const
{
    return m_sessionSocket ? m_sessionSocket->GetToken() : 0;
}

IpAddress
SipUserAgent::GetExchangeLocalAddress() const
{
    return m_sessionSocket ? m_sessionSocket->GetLocalAddress() : Ipv4Address::GetAny();
}

uint16_t
SipUserAgent::GetExchangeLocalPort() const
{
    return m_sessionSocket ? m_sessionSocket->GetLocalPort() : 0;
}

IpAddress
SipUserAgent::GetExchangePeerAddress() const
{
    return m_sessionSocket ? m_sessionSocket->GetPeerAddress() : Ipv4Address::GetAny();
}

bool
SipUserAgent::MovePeer(const AddressUpdateHeader& update)
{
    if (m_sessionSocket->UpdateTcb(MobiSocket::DESTINATION,
                                   update.GetNewAddress().ToSocketAddress(update.GetNewPort())) !=
        0)
    {
        NS_LOG_WARN(m_aor << ": UpdateTcb(DESTINATION) failed (errno "
                          << m_sessionSocket->GetErrno() << ")");
        return false;
    }
    // The mover's new contact: its INFO's Contact, if it names the new address.
    std::string contact = m_infoContacts[update.GetSequence()];
    m_infoContacts.clear();
    IpAddress contactAddress;
    uint16_t contactPort = 0;
    if (SipInfoBody::ResolveUri(contact, contactAddress, contactPort) &&
        contactAddress == update.GetNewAddress())
    {
        m_session.remoteTarget = contact;
    }
    else
    {
        m_session.remoteTarget =
            SipMessage::MakeUri(SipMessage::GetUriUser(m_session.peerAor),
                                SipInfoBody::FormatHost(update.GetNewAddress()),
                                contactPort ? contactPort : 5060);
    }
    NS_LOG_INFO(m_aor << " updated its connection: peer now " << update.GetNewAddress() << ":"
                      << update.GetNewPort());
    return true;
}

void
SipUserAgent::ChangeCompleted(bool restart)
{
    // The paper: the peer starts sending after its INFO left, the mover once
    // it has verified the peer's.
    if (restart && m_sessionSocket)
    {
        m_sessionSocket->ResetTimer();
    }
}

// ---------------------------------------------------------------------------
// Session socket and accessors

void
SipUserAgent::SetSessionSocket(Ptr<MobiSocket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    m_sessionSocket = socket;
    if (socket)
    {
        m_exchange->SetAddressKnownToPeer(socket->GetLocalAddress());
        if (!socket->IsMobilityActive())
        {
            NS_LOG_WARN(m_aor << ": the session socket has no active mobility; UpdateTcb will "
                                 "fail");
        }
    }
}

Ptr<MobiSocket>
SipUserAgent::GetSessionSocket() const
{
    return m_sessionSocket;
}

bool
SipUserAgent::HasPeerPublicKey() const
{
    return m_session.hasPeerKey;
}

Ed25519PublicKey
SipUserAgent::GetPeerPublicKey() const
{
    return m_session.peerKey;
}

std::string
SipUserAgent::GetPeerContact() const
{
    return m_session.exists ? m_session.remoteTarget : "";
}

std::string
SipUserAgent::GetPeerAor() const
{
    return m_session.exists ? m_session.peerAor : "";
}

bool
SipUserAgent::IsRegistered() const
{
    return m_registered;
}

bool
SipUserAgent::IsSessionEstablished() const
{
    return m_session.established;
}

std::string
SipUserAgent::GetCallId() const
{
    return m_session.callId;
}

uint32_t
SipUserAgent::GetRejectCount(ChangeRejectReason reason) const
{
    return m_rejects.at(static_cast<std::size_t>(reason));
}

uint32_t
SipUserAgent::GetRejectCount() const
{
    uint32_t total = 0;
    for (uint32_t count : m_rejects)
    {
        total += count;
    }
    return total;
}

uint32_t
SipUserAgent::GetParseErrorCount() const
{
    return m_parseErrors;
}

uint32_t
SipUserAgent::GetRetransmissionCount() const
{
    return m_retransmissions;
}

uint32_t
SipUserAgent::GetLastAcceptedSequence() const
{
    return m_exchange->GetLastAcceptedSequence();
}

} // namespace ns3
