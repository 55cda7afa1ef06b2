/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "dns-rendezvous-client.h"

#include "crypto-agent.h"
#include "ns3-compat.h"

#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-route.h"
#include "ns3/ipv4-routing-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/random-variable-stream.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/string.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MobiSocketDnsRendezvousClient");

NS_OBJECT_ENSURE_REGISTERED(DnsRendezvousClient);

namespace
{
/// Most doublings of the first timeout (MaxRetries' upper bound).
constexpr uint32_t MAX_RETRIES = 16;
} // namespace

TypeId
DnsRendezvousClient::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::DnsRendezvousClient")
            .SetParent<Object>()
            .SetGroupName("MobiSocket")
            .AddConstructor<DnsRendezvousClient>()
            .AddAttribute("Zone",
                          "The zone updated (the UPDATE's zone section); names updated and "
                          "looked up must be in it.",
                          StringValue("mobi.example."),
                          MakeStringAccessor(&DnsRendezvousClient::m_zone),
                          MakeStringChecker())
            .AddAttribute("InitialTimeout",
                          "Timeout of the first transmission; each retransmission doubles it "
                          "(a choice: nsupdate waits 3 s, glibc 5 s).",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&DnsRendezvousClient::m_initialTimeout),
                          MakeTimeChecker(MicroSeconds(1)))
            .AddAttribute("MaxRetries",
                          "Retransmissions after the first transmission before giving up.",
                          UintegerValue(4),
                          MakeUintegerAccessor(&DnsRendezvousClient::m_maxRetries),
                          MakeUintegerChecker<uint32_t>(0, MAX_RETRIES))
            .AddAttribute("Fudge",
                          "Fudge written in the TSIG of updates, and the largest clock "
                          "difference accepted on responses, in s (RFC 8945 recommends 300).",
                          UintegerValue(300),
                          MakeUintegerAccessor(&DnsRendezvousClient::m_fudge),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("EpochOffset",
                          "The client's clock at simulation time 0, in s since 1970 "
                          "(default: 2026-01-01T00:00:00Z, as DnsRendezvousServer).",
                          UintegerValue(1767225600),
                          MakeUintegerAccessor(&DnsRendezvousClient::m_epochOffset),
                          MakeUintegerChecker<uint64_t>(0, DnsTsig::MAX_TIME / 2))
            .AddTraceSource("MessageSent",
                            "A request left the client (every transmission).",
                            MakeTraceSourceAccessor(&DnsRendezvousClient::m_txTrace),
                            "ns3::DnsRendezvousClient::MessageTracedCallback")
            .AddTraceSource("MessageReceived",
                            "A response from the server arrived and decoded (before its "
                            "checks).",
                            MakeTraceSourceAccessor(&DnsRendezvousClient::m_rxTrace),
                            "ns3::DnsRendezvousClient::MessageTracedCallback")
            .AddTraceSource("Completed",
                            "An update or lookup ended.",
                            MakeTraceSourceAccessor(&DnsRendezvousClient::m_completedTrace),
                            "ns3::DnsRendezvousClient::CompletedTracedCallback")
            .AddTraceSource("Rebound",
                            "The socket was bound to a new address of the node.",
                            MakeTraceSourceAccessor(&DnsRendezvousClient::m_reboundTrace),
                            "ns3::DnsRendezvousClient::ReboundTracedCallback");
    return tid;
}

DnsRendezvousClient::DnsRendezvousClient()
    : m_initialTimeout(Seconds(1)),
      m_server(Ipv4Address::GetAny()),
      m_boundAddress(Ipv4Address::GetAny()),
      m_rng(CreateObject<UniformRandomVariable>())
{
    NS_LOG_FUNCTION(this);
    EnsureSodium();
}

DnsRendezvousClient::~DnsRendezvousClient()
{
    NS_LOG_FUNCTION(this);
    CloseSocket(); // its receive callback points here
}

void
DnsRendezvousClient::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_events.CancelAll();
    for (auto& entry : m_requests)
    {
        entry.second.timer.Cancel();
    }
    m_requests.clear();
    m_ids.clear();
    CloseSocket();
    m_node = nullptr;
    Object::DoDispose();
}

void
DnsRendezvousClient::SetNode(Ptr<Node> node)
{
    if (node != m_node)
    {
        CloseSocket();
        m_boundAddress = Ipv4Address::GetAny();
    }
    m_node = node;
}

Ptr<Node>
DnsRendezvousClient::GetNode() const
{
    return m_node;
}

bool
DnsRendezvousClient::SetKey(const std::string& keyName, const SymmetricKey& key)
{
    if (!DnsName::IsValid(keyName))
    {
        NS_LOG_WARN("SetKey: '" << keyName << "' is not a valid key name");
        return false;
    }
    m_keyName = keyName;
    m_key = key;
    return true;
}

bool
DnsRendezvousClient::SetServer(Ipv4Address address, uint16_t port)
{
    if (address == Ipv4Address::GetAny() || port == 0)
    {
        NS_LOG_WARN("SetServer: " << address << ":" << port << " is not a server");
        return false;
    }
    m_server = address;
    m_serverPort = port;
    return true;
}

DnsRendezvousClient::Status
DnsRendezvousClient::Validate(const std::string& name, bool update) const
{
    if (!m_node || !m_node->GetObject<Ipv4>() || (update && !m_node->GetObject<CryptoAgent>()))
    {
        return NOT_INSTALLED;
    }
    if (!DnsName::IsValid(name))
    {
        return INVALID_NAME;
    }
    if (!DnsName::IsInZone(name, m_zone))
    {
        return OUTSIDE_ZONE;
    }
    if (update && m_keyName.empty())
    {
        return NO_KEY;
    }
    if (m_server == Ipv4Address::GetAny())
    {
        return NO_SERVER;
    }
    return PENDING;
}

DnsRendezvousClient::Status
DnsRendezvousClient::Update(const std::string& name, Ipv4Address address, UpdateCallback callback)
{
    Status status = Validate(name, true);
    if (status == PENDING && address == Ipv4Address::GetAny())
    {
        status = INVALID_ADDRESS;
    }
    if (status != PENDING)
    {
        NS_LOG_WARN("Update(" << name << ", " << address << "): " << GetStatusName(status));
        return status;
    }
    std::vector<uint32_t> older;
    for (const auto& entry : m_requests)
    {
        if (entry.second.update && DnsName::Equal(entry.second.name, name))
        {
            older.push_back(entry.first);
        }
    }
    for (uint32_t handle : older)
    {
        Complete(handle, SUPERSEDED, 0, Ipv4Address::GetAny());
    }
    Request request;
    request.update = true;
    request.name = name;
    request.address = address;
    request.updateCallback = callback;
    Start(std::move(request));
    return PENDING;
}

DnsRendezvousClient::Status
DnsRendezvousClient::Resolve(const std::string& name, ResolveCallback callback)
{
    const Status status = Validate(name, false);
    if (status != PENDING)
    {
        NS_LOG_WARN("Resolve(" << name << "): " << GetStatusName(status));
        return status;
    }
    Request request;
    request.name = name;
    request.resolveCallback = callback;
    Start(std::move(request));
    return PENDING;
}

void
DnsRendezvousClient::Start(Request request)
{
    const uint32_t handle = m_nextHandle++;
    m_requests.emplace(handle, std::move(request));
    StartAttempt(handle);
}

void
DnsRendezvousClient::StartAttempt(uint32_t handle)
{
    Request& request = m_requests.at(handle);
    Time timeout = m_initialTimeout;
    for (uint32_t i = 0; i < request.attempts; ++i)
    {
        timeout = timeout + timeout;
    }
    ++request.attempts;
    request.timer = Simulator::Schedule(timeout, &DnsRendezvousClient::OnTimeout, this, handle);
    if (!EnsureSocket())
    {
        NS_LOG_INFO("no address towards " << m_server << ": attempt " << request.attempts << " for "
                                          << request.name << " skipped");
        return;
    }
    const uint16_t id = NewId();
    m_ids[id] = handle;
    if (!request.update)
    {
        request.sentMacs[id] = {};
        Transmit(DnsMessage::MakeQuery(id, request.name, DnsMessage::TYPE_A));
        return;
    }
    Time delay;
    DnsMessage update = BuildUpdate(request, id, delay);
    m_events.Schedule(delay, [this, update]() { Transmit(update); });
}

void
DnsRendezvousClient::OnTimeout(uint32_t handle)
{
    auto it = m_requests.find(handle);
    if (it == m_requests.end())
    {
        return;
    }
    if (it->second.attempts > m_maxRetries)
    {
        Complete(handle, TIMEOUT, 0, Ipv4Address::GetAny());
        return;
    }
    StartAttempt(handle);
}

uint16_t
DnsRendezvousClient::NewId()
{
    uint16_t id = 0;
    for (int tries = 0; tries < 1000; ++tries)
    {
        id = static_cast<uint16_t>(m_rng->GetInteger(0, 0xFFFF));
        if (m_ids.count(id) == 0)
        {
            break;
        }
    }
    return id;
}

DnsMessage
DnsRendezvousClient::BuildUpdate(Request& request, uint16_t id, Time& delay)
{
    DnsMessage update = DnsMessage::MakeUpdate(id, m_zone);
    update.authorities.push_back(
        DnsResourceRecord::MakeDeleteRrset(request.name, DnsMessage::TYPE_A));
    update.authorities.push_back(DnsResourceRecord::MakeA(request.name, request.address, 0));
    DnsTsig tsig;
    tsig.keyName = m_keyName;
    tsig.timeSigned = std::max(GetClock(), m_lastTimeSigned + 1);
    m_lastTimeSigned = tsig.timeSigned;
    tsig.fudge = m_fudge;
    tsig.originalId = id;
    MacTag mac = CryptoAgent::Get(m_node)->Mac(tsig.RequestDigestInput(update.EncodeUnsigned(id)),
                                               m_key,
                                               &delay);
    tsig.SetMac(mac);
    update.tsig = tsig;
    request.sentMacs[id] = tsig.mac;
    return update;
}

Ipv4Address
DnsRendezvousClient::FindSourceAddress() const
{
    Ptr<Ipv4> ipv4 = m_node ? m_node->GetObject<Ipv4>() : nullptr;
    if (!ipv4 || !ipv4->GetRoutingProtocol())
    {
        return Ipv4Address::GetAny();
    }
    Ipv4Header header;
    header.SetDestination(m_server);
    Socket::SocketErrno error;
    Ptr<Ipv4Route> route = ipv4->GetRoutingProtocol()->RouteOutput(nullptr, header, nullptr, error);
    return route ? route->GetSource() : Ipv4Address::GetAny();
}

bool
DnsRendezvousClient::EnsureSocket()
{
    const Ipv4Address source = FindSourceAddress();
    if (source == Ipv4Address::GetAny())
    {
        return false;
    }
    if (m_socket && source == m_boundAddress)
    {
        return true;
    }
    const Ipv4Address old = m_boundAddress;
    CloseSocket();
    m_socket = Socket::CreateSocket(m_node, UdpSocketFactory::GetTypeId());
    if (m_socket->Bind(InetSocketAddress(source, 0)) != 0)
    {
        NS_LOG_WARN("cannot bind a UDP socket to " << source);
        m_socket = nullptr;
        return false;
    }
    m_socket->SetRecvCallback(MakeCallback(&DnsRendezvousClient::HandleRead, this));
    m_boundAddress = source;
    NS_LOG_INFO("socket bound to " << source << " (was " << old << ")");
    m_reboundTrace(old, source);
    return true;
}

void
DnsRendezvousClient::CloseSocket()
{
    if (m_socket)
    {
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_socket->Close();
        m_socket = nullptr;
    }
}

void
DnsRendezvousClient::Transmit(const DnsMessage& message)
{
    if (m_ids.count(message.id) == 0)
    {
        return; // its request ended while it was being signed
    }
    const std::vector<uint8_t> bytes = message.Encode();
    if (bytes.empty() || !EnsureSocket())
    {
        NS_LOG_WARN("cannot send request " << message.id);
        return;
    }
    Ptr<Packet> packet = Create<Packet>(bytes.data(), bytes.size());
    if (m_socket->SendTo(packet, 0, InetSocketAddress(m_server, m_serverPort)) < 0)
    {
        NS_LOG_WARN("the socket refused request " << message.id);
        return;
    }
    NS_LOG_INFO("sent from " << m_boundAddress << ": " << message);
    m_txTrace(packet, message);
}

void
DnsRendezvousClient::HandleRead(Ptr<Socket> socket)
{
    Address from;
    Ptr<Packet> packet;
    while ((packet = socket->RecvFrom(from)))
    {
        if (!InetSocketAddress::IsMatchingType(from) ||
            InetSocketAddress::ConvertFrom(from).GetIpv4() != m_server ||
            InetSocketAddress::ConvertFrom(from).GetPort() != m_serverPort)
        {
            Ignore();
            continue;
        }
        Receive(packet);
    }
}

void
DnsRendezvousClient::Receive(Ptr<Packet> packet)
{
    std::vector<uint8_t> bytes(packet->GetSize());
    packet->CopyData(bytes.data(), bytes.size());
    const DnsDecodeResult decoded = DnsMessage::Decode(bytes);
    if (!decoded.Ok())
    {
        Ignore();
        return;
    }
    const DnsMessage& response = decoded.message;
    m_rxTrace(packet, response);
    auto id = m_ids.find(response.id);
    if (id == m_ids.end() || !Matches(m_requests.at(id->second), response))
    {
        Ignore();
        return;
    }
    if (m_requests.at(id->second).update)
    {
        VerifyUpdateResponse(id->second, decoded);
    }
    else
    {
        FinishResolve(id->second, response);
    }
}

bool
DnsRendezvousClient::Matches(const Request& request, const DnsMessage& response) const
{
    const DnsQuestion expected =
        request.update ? DnsQuestion{m_zone, DnsMessage::TYPE_SOA, DnsMessage::CLASS_IN}
                       : DnsQuestion{request.name, DnsMessage::TYPE_A, DnsMessage::CLASS_IN};
    const uint8_t opcode = request.update ? DnsMessage::UPDATE : DnsMessage::QUERY;
    return response.qr && response.opcode == opcode && response.questions.size() == 1 &&
           DnsName::Equal(response.questions[0].name, expected.name) &&
           response.questions[0].type == expected.type &&
           response.questions[0].qclass == expected.qclass;
}

void
DnsRendezvousClient::VerifyUpdateResponse(uint32_t handle, const DnsDecodeResult& decoded)
{
    const DnsMessage& response = decoded.message;
    const Request& request = m_requests.at(handle);
    MacTag tag{};
    if (!response.tsig || !DnsName::Equal(response.tsig->keyName, m_keyName) ||
        !response.tsig->IsHmacSha256() || response.tsig->originalId != response.id ||
        !response.tsig->GetMac(tag))
    {
        Ignore(); // unsigned (BADKEY, BADSIG, or a forgery): RFC 8945 5.3.2
        return;
    }
    const DnsTsig& tsig = *response.tsig;
    Time delay;
    bool valid = CryptoAgent::Get(m_node)->CheckMac(
        tsig.ResponseDigestInput(request.sentMacs.at(response.id), decoded.unsignedBytes),
        tag,
        m_key,
        &delay);
    // A BADTIME response reports a clock difference: its own time is not checked.
    valid = valid && (tsig.error == DnsMessage::BADTIME || tsig.GetSkew(GetClock()) <= m_fudge);
    const uint16_t rcode =
        (response.rcode == DnsMessage::NOTAUTH && tsig.error != 0) ? tsig.error : response.rcode;
    m_events.Schedule(delay, [this, handle, valid, rcode]() {
        if (m_requests.count(handle) == 0)
        {
            return;
        }
        if (!valid)
        {
            Ignore();
            return;
        }
        const Status status = rcode == DnsMessage::NOERROR   ? SUCCESS
                              : rcode == DnsMessage::BADTIME ? BAD_TIME
                                                             : REJECTED;
        Complete(handle, status, rcode, Ipv4Address::GetAny());
    });
}

void
DnsRendezvousClient::FinishResolve(uint32_t handle, const DnsMessage& response)
{
    if (response.rcode != DnsMessage::NOERROR)
    {
        const Status status = response.rcode == DnsMessage::NXDOMAIN ? NOT_FOUND : REJECTED;
        Complete(handle, status, response.rcode, Ipv4Address::GetAny());
        return;
    }
    const std::string name = DnsName::Canonical(m_requests.at(handle).name);
    for (const DnsResourceRecord& rr : response.answers)
    {
        Ipv4Address address;
        if (rr.rrClass == DnsMessage::CLASS_IN && DnsName::Canonical(rr.name) == name &&
            rr.GetIpv4(address))
        {
            Complete(handle, SUCCESS, DnsMessage::NOERROR, address);
            return;
        }
    }
    Complete(handle, NOT_FOUND, DnsMessage::NOERROR, Ipv4Address::GetAny());
}

void
DnsRendezvousClient::Complete(uint32_t handle, Status status, uint16_t rcode, Ipv4Address address)
{
    auto it = m_requests.find(handle);
    if (it == m_requests.end())
    {
        return;
    }
    Request request = std::move(it->second);
    m_requests.erase(it);
    request.timer.Cancel();
    for (const auto& attempt : request.sentMacs)
    {
        m_ids.erase(attempt.first);
    }
    NS_LOG_INFO((request.update ? "update of " : "lookup of ")
                << request.name << ": " << GetStatusName(status) << " ("
                << DnsMessage::GetRcodeName(rcode) << ")");
    m_completedTrace(request.name, request.update, status, rcode);
    if (request.update && !request.updateCallback.IsNull())
    {
        request.updateCallback(status == SUCCESS, status);
    }
    else if (!request.update && !request.resolveCallback.IsNull())
    {
        request.resolveCallback(status == SUCCESS, address);
    }
}

void
DnsRendezvousClient::Ignore()
{
    ++m_ignored;
    NS_LOG_INFO("response ignored (" << m_ignored << " so far)");
}

Ipv4Address
DnsRendezvousClient::GetBoundAddress() const
{
    return m_boundAddress;
}

uint32_t
DnsRendezvousClient::GetPendingCount() const
{
    return static_cast<uint32_t>(m_requests.size());
}

uint32_t
DnsRendezvousClient::GetIgnoredResponses() const
{
    return m_ignored;
}

uint64_t
DnsRendezvousClient::GetClock() const
{
    return m_epochOffset + static_cast<uint64_t>(Simulator::Now().GetNanoSeconds() / 1000000000);
}

int64_t
DnsRendezvousClient::AssignStreams(int64_t stream)
{
    m_rng->SetStream(stream);
    return 1;
}

const char*
DnsRendezvousClient::GetStatusName(Status status)
{
    switch (status)
    {
    case PENDING:
        return "pending";
    case SUCCESS:
        return "success";
    case NOT_FOUND:
        return "not-found";
    case REJECTED:
        return "rejected";
    case BAD_TIME:
        return "bad-time";
    case TIMEOUT:
        return "timeout";
    case SUPERSEDED:
        return "superseded";
    case INVALID_NAME:
        return "invalid-name";
    case OUTSIDE_ZONE:
        return "outside-zone";
    case NO_KEY:
        return "no-key";
    case NO_SERVER:
        return "no-server";
    case NOT_INSTALLED:
        return "not-installed";
    case INVALID_ADDRESS:
        return "invalid-address";
    }
    return "unknown";
}

} // namespace ns3
