/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "sip-proxy.h"

#include "sip-body.h"

#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/string.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <vector>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MobiSocketSipProxy");

NS_OBJECT_ENSURE_REGISTERED(SipProxy);

namespace
{
/// Branch prefix of the proxy's Via headers (after the magic cookie).
const std::string PROXY_BRANCH_TAG = "-px";

/**
 * \param text some text
 * \return its 64-bit FNV-1a hash
 */
uint64_t
Fnv1a(const std::string& text)
{
    uint64_t hash = 0xcbf29ce484222325ULL;
    for (unsigned char c : text)
    {
        hash ^= c;
        hash *= 0x100000001b3ULL;
    }
    return hash;
}
} // namespace

TypeId
SipProxy::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::SipProxy")
            .SetParent<Application>()
            .SetGroupName("MobiSocket")
            .AddConstructor<SipProxy>()
            .AddAttribute("Port",
                          "UDP port of the registrar and proxy.",
                          UintegerValue(5060),
                          MakeUintegerAccessor(&SipProxy::m_port),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("Domain",
                          "The domain whose AORs the registrar binds and the proxy resolves.",
                          StringValue("mobisocket.test"),
                          MakeStringAccessor(&SipProxy::m_domain),
                          MakeStringChecker())
            .AddAttribute("Address",
                          "Address written in the proxy's Via headers (0.0.0.0: the node's "
                          "first interface address).",
                          Ipv4AddressValue(Ipv4Address::GetAny()),
                          MakeIpv4AddressAccessor(&SipProxy::m_address),
                          MakeIpv4AddressChecker())
            .AddAttribute("Ipv6Address",
                          "IPv6 address of the proxy; if set (not ::), the proxy serves SIP over "
                          "IPv6 on it and writes it in its Via headers, and Address is unused.",
                          Ipv6AddressValue(Ipv6Address::GetAny()),
                          MakeIpv6AddressAccessor(&SipProxy::m_address6),
                          MakeIpv6AddressChecker())
            .AddAttribute("DefaultExpires",
                          "Registration lifetime when the REGISTER asks for none.",
                          TimeValue(Seconds(3600)),
                          MakeTimeAccessor(&SipProxy::m_defaultExpires),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("MaxExpires",
                          "Longest registration lifetime granted.",
                          TimeValue(Seconds(7200)),
                          MakeTimeAccessor(&SipProxy::m_maxExpires),
                          MakeTimeChecker(Seconds(1)))
            .AddAttribute("ProcessingDelay",
                          "Service time of each message (Nahum et al., NOSSDAV 2007, measured "
                          "0.3-5 ms for real proxies).",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&SipProxy::m_processingDelay),
                          MakeTimeChecker(Seconds(0)))
            .AddTraceSource("MessageSent",
                            "A SIP message left the proxy.",
                            MakeTraceSourceAccessor(&SipProxy::m_txTrace),
                            "ns3::SipProxy::MessageTracedCallback")
            .AddTraceSource("MessageReceived",
                            "A SIP message arrived and parsed.",
                            MakeTraceSourceAccessor(&SipProxy::m_rxTrace),
                            "ns3::SipProxy::MessageTracedCallback")
            .AddTraceSource("Binding",
                            "A registration was added, refreshed or removed.",
                            MakeTraceSourceAccessor(&SipProxy::m_bindingTrace),
                            "ns3::SipProxy::BindingTracedCallback")
            .AddTraceSource("RequestRejected",
                            "The proxy answered a request with an error itself.",
                            MakeTraceSourceAccessor(&SipProxy::m_rejectedTrace),
                            "ns3::SipProxy::RejectedTracedCallback");
    return tid;
}

SipProxy::SipProxy()
{
    NS_LOG_FUNCTION(this);
}

SipProxy::~SipProxy()
{
    NS_LOG_FUNCTION(this);
}

void
SipProxy::DoDispose()
{
    NS_LOG_FUNCTION(this);
    CloseSocket();
    m_bindings.clear();
    Application::DoDispose();
}

void
SipProxy::StartApplication()
{
    NS_LOG_FUNCTION(this);
    if (m_socket)
    {
        return;
    }
    if (m_address6.IsAny() && m_address == Ipv4Address::GetAny())
    {
        Ptr<Ipv4> ipv4 = GetNode()->GetObject<Ipv4>();
        for (uint32_t i = 1; ipv4 && i < ipv4->GetNInterfaces(); ++i)
        {
            if (ipv4->GetNAddresses(i) > 0)
            {
                m_address = ipv4->GetAddress(i, 0).GetLocal();
                break;
            }
        }
    }
    m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    if (m_socket->Bind(IpAddress::GetAny(GetAddress().GetFamily()).ToSocketAddress(m_port)) != 0)
    {
        NS_LOG_WARN("cannot bind UDP port " << m_port);
        m_socket = nullptr;
        return;
    }
    m_socket->SetRecvCallback(MakeCallback(&SipProxy::HandleRead, this));
    NS_LOG_INFO("SIP proxy for " << m_domain << " on " << GetAddress() << ":" << m_port);
}

void
SipProxy::StopApplication()
{
    NS_LOG_FUNCTION(this);
    CloseSocket();
}

void
SipProxy::CloseSocket()
{
    if (m_socket)
    {
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_socket->Close();
        m_socket = nullptr;
    }
}

void
SipProxy::HandleRead(Ptr<Socket> socket)
{
    Address from;
    Ptr<Packet> packet;
    while ((packet = socket->RecvFrom(from)))
    {
        uint16_t port = 0;
        std::optional<IpAddress> source = IpAddress::FromSocketAddress(from, port);
        if (!source || packet->GetSize() == 0)
        {
            continue;
        }
        std::vector<uint8_t> bytes(packet->GetSize());
        packet->CopyData(bytes.data(), bytes.size());
        SipMessage message = SipMessage::Parse(bytes.data(), bytes.size());
        if (!message.IsValid())
        {
            ++m_dropped;
            NS_LOG_WARN("dropped " << bytes.size() << " bytes from " << *source
                                   << ": not a usable SIP message");
            continue;
        }
        m_rxTrace(message, bytes.size());
        if (m_processingDelay.IsStrictlyPositive())
        {
            Simulator::Schedule(m_processingDelay,
                                &SipProxy::Process,
                                this,
                                message,
                                *source,
                                port);
        }
        else
        {
            Process(message, *source, port);
        }
    }
}

void
SipProxy::Process(SipMessage message, IpAddress source, uint16_t port)
{
    if (!m_socket)
    {
        return;
    }
    if (message.IsResponse())
    {
        ForwardResponse(message);
    }
    else if (message.GetMethod() == "REGISTER" && IsOurDomain(message.GetRequestUri()))
    {
        HandleRegister(message, source, port);
    }
    else
    {
        ForwardRequest(message, source, port);
    }
}

bool
SipProxy::IsOurDomain(const std::string& uri) const
{
    std::string host;
    uint16_t port = 0;
    return SipMessage::GetUriHostPort(uri, host, port) && host == m_domain;
}

void
SipProxy::HandleRegister(const SipMessage& request, IpAddress source, uint16_t port)
{
    std::string aor = SipMessage::GetAor(request.GetToUri());
    if (aor.empty() || !IsOurDomain(aor) || SipMessage::GetUriUser(aor).empty())
    {
        NS_LOG_WARN("REGISTER for '" << request.GetToUri() << "', not an AOR of " << m_domain);
        Reject(request, 404, source, port);
        return;
    }
    std::string contact = request.GetContactUri();
    int64_t expires = request.GetContactExpires();
    if (expires < 0)
    {
        expires = request.GetExpires();
    }
    if (expires < 0)
    {
        expires = static_cast<int64_t>(m_defaultExpires.GetSeconds());
    }
    expires = std::min<int64_t>(expires, static_cast<int64_t>(m_maxExpires.GetSeconds()));

    if (contact == "*")
    {
        if (request.GetExpires() != 0)
        {
            Reject(request, 400, source, port); // RFC 3261 10.3 step 6
            return;
        }
        m_bindings.erase(aor);
        m_bindingTrace(aor, "", Seconds(0));
        NS_LOG_INFO("removed the bindings of " << aor);
    }
    else if (!contact.empty())
    {
        std::string host;
        uint16_t contactPort = 0;
        if (!SipMessage::GetUriHostPort(contact, host, contactPort))
        {
            Reject(request, 400, source, port);
            return;
        }
        if (expires == 0)
        {
            m_bindings.erase(aor);
            m_bindingTrace(aor, "", Seconds(0));
            NS_LOG_INFO("removed the binding of " << aor);
        }
        else
        {
            m_bindings[aor] = Binding{contact, Simulator::Now() + Seconds(expires)};
            m_bindingTrace(aor, contact, Seconds(expires));
            NS_LOG_INFO("bound " << aor << " to " << contact << " for " << expires << " s");
        }
    }
    SipMessage ok = CreateTaggedResponse(request, 200);
    std::string bound = GetBinding(aor);
    if (!bound.empty())
    {
        Time left = m_bindings[aor].expiry - Simulator::Now();
        ok.SetContact(bound, static_cast<int64_t>(left.GetSeconds() + 0.5));
    }
    Send(ok, source, port);
}

void
SipProxy::ForwardRequest(SipMessage request, IpAddress source, uint16_t port)
{
    bool ack = request.GetMethod() == "ACK";
    int64_t maxForwards = request.GetMaxForwards();
    if (maxForwards == 0)
    {
        if (!ack)
        {
            Reject(request, 483, source, port);
        }
        return;
    }
    std::string uri = request.GetRequestUri();
    std::string target;
    if (IsOurDomain(uri))
    {
        target = GetBinding(uri);
        if (target.empty())
        {
            NS_LOG_INFO("no binding for " << SipMessage::GetAor(uri));
            if (!ack)
            {
                Reject(request, 404, source, port);
            }
            return;
        }
    }
    else
    {
        target = uri; // already a contact
    }
    uint16_t targetPort = 0;
    IpAddress destination;
    if (!SipInfoBody::ResolveUri(target, destination, targetPort))
    {
        NS_LOG_INFO("cannot resolve " << target);
        if (!ack)
        {
            Reject(request, 404, source, port);
        }
        return;
    }
    if (target != uri)
    {
        request.SetRequestUri(target);
    }
    request.SetMaxForwards(maxForwards < 0 ? 70 : static_cast<uint32_t>(maxForwards - 1));
    // RFC 3261 18.2.1: note where the request really came from.
    // The Via's host is oSIP's, without brackets: compared and written as an address.
    if (request.GetTopViaHost() != SipInfoBody::FormatAddress(source))
    {
        request.SetTopViaReceived(SipInfoBody::FormatAddress(source));
    }
    request.PushVia(SipInfoBody::FormatHost(GetAddress()), m_port, ComputeBranch(request));
    ++m_forwardedRequests;
    NS_LOG_LOGIC("forwarding " << request.GetLabel() << " for " << uri << " to " << destination
                               << ":" << targetPort);
    Send(request, destination, targetPort);
}

std::string
SipProxy::ComputeBranch(const SipMessage& request) const
{
    // RFC 3261 16.11: a stateless proxy derives its branch from the request,
    // so that retransmissions (and the ACK and CANCEL of an INVITE) get the
    // same one.
    char hash[17];
    snprintf(hash,
             sizeof(hash),
             "%016llx",
             static_cast<unsigned long long>(
                 Fnv1a(request.GetTopViaBranch() + "|" + request.GetTopViaHost() + ":" +
                       std::to_string(request.GetTopViaPort()) + "|" + request.GetCallId())));
    return std::string(SipMessage::BRANCH_MAGIC) + PROXY_BRANCH_TAG + hash;
}

void
SipProxy::ForwardResponse(SipMessage response)
{
    std::string branch = response.GetTopViaBranch();
    std::string prefix = std::string(SipMessage::BRANCH_MAGIC) + PROXY_BRANCH_TAG;
    if (response.GetTopViaHost() != SipInfoBody::FormatAddress(GetAddress()) ||
        branch.compare(0, prefix.size(), prefix) != 0)
    {
        ++m_dropped;
        NS_LOG_WARN("dropped a " << response.GetLabel() << " whose top Via is not the proxy's");
        return;
    }
    response.PopVia();
    if (response.GetViaCount() == 0)
    {
        ++m_dropped;
        NS_LOG_WARN("dropped a " << response.GetLabel() << " with no Via left");
        return;
    }
    std::string host = response.GetTopViaReceived();
    if (host.empty())
    {
        host = response.GetTopViaHost();
    }
    IpAddress destination;
    if (!SipInfoBody::ParseAddress(host, destination))
    {
        ++m_dropped;
        NS_LOG_WARN("cannot route a " << response.GetLabel() << " to '" << host << "'");
        return;
    }
    ++m_forwardedResponses;
    Send(response, destination, response.GetTopViaPort());
}

void
SipProxy::Reject(const SipMessage& request, int status, IpAddress source, uint16_t port)
{
    ++m_rejected;
    SipMessage response = CreateTaggedResponse(request, status);
    NS_LOG_INFO("answering " << request.GetLabel() << " with " << status);
    m_rejectedTrace(request, status);
    Send(response, source, port);
}

SipMessage
SipProxy::CreateTaggedResponse(const SipMessage& request, int status)
{
    SipMessage response = SipMessage::CreateResponse(request, status);
    if (response.GetToTag().empty())
    {
        response.SetToTag(std::to_string(Fnv1a(request.GetCallId()) & 0xffffffff));
    }
    return response;
}

void
SipProxy::Send(const SipMessage& message, IpAddress destination, uint16_t port)
{
    std::string text = message.ToString();
    if (!m_socket || text.empty())
    {
        return;
    }
    Ptr<Packet> packet = Create<Packet>(reinterpret_cast<const uint8_t*>(text.data()), text.size());
    if (m_socket->SendTo(packet, 0, destination.ToSocketAddress(port)) < 0)
    {
        NS_LOG_WARN("the socket refused a " << message.GetLabel() << " to " << destination);
        return;
    }
    m_txTrace(message, text.size());
}

std::string
SipProxy::GetBinding(const std::string& aor) const
{
    auto it = m_bindings.find(SipMessage::GetAor(aor));
    if (it == m_bindings.end() || it->second.expiry <= Simulator::Now())
    {
        return "";
    }
    return it->second.contact;
}

uint32_t
SipProxy::GetBindingCount() const
{
    uint32_t count = 0;
    for (const auto& entry : m_bindings)
    {
        count += entry.second.expiry > Simulator::Now();
    }
    return count;
}

IpAddress
SipProxy::GetAddress() const
{
    return m_address6.IsAny() ? IpAddress(m_address) : IpAddress(m_address6);
}

uint32_t
SipProxy::GetForwardedRequests() const
{
    return m_forwardedRequests;
}

uint32_t
SipProxy::GetForwardedResponses() const
{
    return m_forwardedResponses;
}

uint32_t
SipProxy::GetRejectedRequests() const
{
    return m_rejected;
}

uint32_t
SipProxy::GetDroppedMessages() const
{
    return m_dropped;
}

} // namespace ns3
