/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "dns-rendezvous-server.h"

#include "crypto-agent.h"
#include "ns3-compat.h"

#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/string.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MobiSocketDnsRendezvousServer");

NS_OBJECT_ENSURE_REGISTERED(DnsRendezvousServer);

namespace
{
/**
 * \param value a 48-bit value
 * \return its 6 bytes in network order (a BADTIME response's Other Data)
 */
std::vector<uint8_t>
Uint48Bytes(uint64_t value)
{
    std::vector<uint8_t> bytes;
    for (int shift = 40; shift >= 0; shift -= 8)
    {
        bytes.push_back(static_cast<uint8_t>(value >> shift));
    }
    return bytes;
}

} // namespace

uint32_t
DnsRendezvousServer::Counters::GetRejects(RejectReason reason) const
{
    return rejects.at(static_cast<std::size_t>(reason));
}

TypeId
DnsRendezvousServer::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::DnsRendezvousServer")
            .SetParent<Application>()
            .SetGroupName("MobiSocket")
            .AddConstructor<DnsRendezvousServer>()
            .AddAttribute("Port",
                          "UDP port of the server (RFC 1035 4.2.1: 53).",
                          UintegerValue(53),
                          MakeUintegerAccessor(&DnsRendezvousServer::m_port),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("Local",
                          "The address the server listens on and answers from (0.0.0.0: "
                          "every address, answering from the one the route to the client "
                          "gives, which a client of a multi-homed node ignores if it sent "
                          "to another).",
                          Ipv4AddressValue(Ipv4Address::GetAny()),
                          MakeIpv4AddressAccessor(&DnsRendezvousServer::m_local),
                          MakeIpv4AddressChecker())
            .AddAttribute("Zone",
                          "The zone the server is authoritative for.",
                          StringValue("mobi.example."),
                          MakeStringAccessor(&DnsRendezvousServer::m_zone),
                          MakeStringChecker())
            .AddAttribute("Ttl",
                          "TTL of the A records served, in s (0: uncacheable, as the TCP "
                          "Migrate paper serves them).",
                          UintegerValue(0),
                          MakeUintegerAccessor(&DnsRendezvousServer::m_ttl),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("Fudge",
                          "Largest difference, in s, between a TSIG's Time Signed and the "
                          "server's clock (RFC 8945 recommends 300).",
                          UintegerValue(300),
                          MakeUintegerAccessor(&DnsRendezvousServer::m_fudge),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("EpochOffset",
                          "The server's clock at simulation time 0, in s since 1970 "
                          "(default: 2026-01-01T00:00:00Z).",
                          UintegerValue(1767225600),
                          MakeUintegerAccessor(&DnsRendezvousServer::m_epochOffset),
                          MakeUintegerChecker<uint64_t>(0, DnsTsig::MAX_TIME))
            .AddTraceSource("Query",
                            "A QUERY request arrived and decoded.",
                            MakeTraceSourceAccessor(&DnsRendezvousServer::m_queryTrace),
                            "ns3::DnsRendezvousServer::MessageTracedCallback")
            .AddTraceSource("UpdateReceived",
                            "An UPDATE request arrived and decoded (before its checks).",
                            MakeTraceSourceAccessor(&DnsRendezvousServer::m_updateReceivedTrace),
                            "ns3::DnsRendezvousServer::MessageTracedCallback")
            .AddTraceSource("Answer",
                            "The server sent a response (to any request).",
                            MakeTraceSourceAccessor(&DnsRendezvousServer::m_answerTrace),
                            "ns3::DnsRendezvousServer::MessageTracedCallback")
            .AddTraceSource("UpdateAccepted",
                            "An UPDATE was authenticated and applied.",
                            MakeTraceSourceAccessor(&DnsRendezvousServer::m_acceptedTrace),
                            "ns3::DnsRendezvousServer::UpdateAcceptedTracedCallback")
            .AddTraceSource("UpdateRejected",
                            "An UPDATE was refused, nothing changed.",
                            MakeTraceSourceAccessor(&DnsRendezvousServer::m_rejectedTrace),
                            "ns3::DnsRendezvousServer::UpdateRejectedTracedCallback")
            .AddTraceSource("Malformed",
                            "A datagram did not decode as a DNS message.",
                            MakeTraceSourceAccessor(&DnsRendezvousServer::m_malformedTrace),
                            "ns3::DnsRendezvousServer::MalformedTracedCallback");
    return tid;
}

DnsRendezvousServer::DnsRendezvousServer()
{
    NS_LOG_FUNCTION(this);
}

DnsRendezvousServer::~DnsRendezvousServer()
{
    NS_LOG_FUNCTION(this);
}

void
DnsRendezvousServer::DoDispose()
{
    NS_LOG_FUNCTION(this);
    Shutdown();
    m_keys.clear();
    m_records.clear();
    Application::DoDispose();
}

void
DnsRendezvousServer::StartApplication()
{
    NS_LOG_FUNCTION(this);
    if (m_socket)
    {
        return;
    }
    NS_ABORT_MSG_IF(GetZone().empty(), "DnsRendezvousServer: Zone '" << m_zone << "' is not valid");
    m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    if (m_socket->Bind(InetSocketAddress(m_local, m_port)) != 0)
    {
        NS_LOG_WARN("cannot bind " << m_local << " port " << m_port);
        m_socket = nullptr;
        return;
    }
    m_socket->SetRecvCallback(MakeCallback(&DnsRendezvousServer::HandleRead, this));
    NS_LOG_INFO("DNS server for " << GetZone() << " on " << m_local << " port " << m_port);
}

void
DnsRendezvousServer::StopApplication()
{
    NS_LOG_FUNCTION(this);
    Shutdown();
}

void
DnsRendezvousServer::Shutdown()
{
    m_events.CancelAll();
    if (m_socket)
    {
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_socket->Close();
        m_socket = nullptr;
    }
}

bool
DnsRendezvousServer::AddKey(const std::string& keyName,
                            const SymmetricKey& key,
                            const std::vector<std::string>& names)
{
    const std::string canonical = DnsName::Canonical(keyName);
    if (canonical.empty() || names.empty())
    {
        NS_LOG_WARN("AddKey: key name '" << keyName << "' not valid, or no names");
        return false;
    }
    Key entry;
    entry.secret = key;
    for (const std::string& name : names)
    {
        const std::string n = DnsName::Canonical(name);
        if (n.empty())
        {
            NS_LOG_WARN("AddKey: name '" << name << "' not valid");
            return false;
        }
        entry.names.insert(n);
    }
    m_keys[canonical] = entry;
    return true;
}

bool
DnsRendezvousServer::SetRecord(const std::string& name, Ipv4Address address)
{
    if (GetZone().empty() || !DnsName::IsInZone(name, GetZone()))
    {
        NS_LOG_WARN("SetRecord: '" << name << "' is not a valid name in zone " << m_zone);
        return false;
    }
    m_records[DnsName::Canonical(name)] = {address};
    return true;
}

std::vector<Ipv4Address>
DnsRendezvousServer::GetAddresses(const std::string& name) const
{
    auto it = m_records.find(DnsName::Canonical(name));
    return it == m_records.end() ? std::vector<Ipv4Address>() : it->second;
}

std::string
DnsRendezvousServer::GetZone() const
{
    return DnsName::Canonical(m_zone);
}

uint16_t
DnsRendezvousServer::GetPort() const
{
    return m_port;
}

uint64_t
DnsRendezvousServer::GetClock() const
{
    return m_epochOffset + static_cast<uint64_t>(Simulator::Now().GetNanoSeconds() / 1000000000);
}

const DnsRendezvousServer::Counters&
DnsRendezvousServer::GetCounters() const
{
    return m_counters;
}

const char*
DnsRendezvousServer::GetRejectReasonName(RejectReason reason)
{
    switch (reason)
    {
    case UNSIGNED:
        return "unsigned";
    case BAD_KEY:
        return "bad-key";
    case BAD_SIGNATURE:
        return "bad-signature";
    case BAD_TIME:
        return "bad-time";
    case REPLAYED:
        return "replayed";
    case MALFORMED:
        return "malformed";
    case NOT_AUTHORITATIVE:
        return "not-authoritative";
    case NOT_IMPLEMENTED:
        return "not-implemented";
    case NOT_IN_ZONE:
        return "not-in-zone";
    case NAME_NOT_ALLOWED:
        return "name-not-allowed";
    }
    return "unknown";
}

void
DnsRendezvousServer::HandleRead(Ptr<Socket> socket)
{
    Address from;
    Ptr<Packet> packet;
    while ((packet = socket->RecvFrom(from)))
    {
        if (!InetSocketAddress::IsMatchingType(from))
        {
            continue;
        }
        std::vector<uint8_t> bytes(packet->GetSize());
        packet->CopyData(bytes.data(), bytes.size());
        Receive(bytes, InetSocketAddress::ConvertFrom(from));
    }
}

void
DnsRendezvousServer::Receive(const std::vector<uint8_t>& bytes, const InetSocketAddress& from)
{
    DnsDecodeResult decoded = DnsMessage::Decode(bytes);
    if (!decoded.Ok())
    {
        HandleMalformed(bytes, decoded.error, from);
        return;
    }
    const DnsMessage& request = decoded.message;
    if (request.qr)
    {
        NS_LOG_LOGIC("dropped a response from " << from.GetIpv4());
        return;
    }
    NoteRequest(request, from);
    if (!request.tsig)
    {
        Respond(request, Auth(), from);
        return;
    }
    CheckTsig(decoded, from);
}

void
DnsRendezvousServer::HandleMalformed(const std::vector<uint8_t>& bytes,
                                     DnsDecodeError error,
                                     const InetSocketAddress& from)
{
    ++m_counters.malformed;
    m_malformedTrace(from.GetIpv4(), error);
    NS_LOG_INFO("malformed datagram (" << error << ") of " << bytes.size() << " bytes from "
                                       << from.GetIpv4());
    if (bytes.size() < DnsMessage::HEADER_SIZE || (bytes[2] & 0x80) != 0)
    {
        return; // no header to answer, or a response
    }
    DnsMessage response;
    response.id = static_cast<uint16_t>((bytes[0] << 8) | bytes[1]);
    response.qr = true;
    response.opcode = (bytes[2] >> 3) & 0xF;
    response.rcode = DnsMessage::FORMERR;
    Transmit(response, from);
}

void
DnsRendezvousServer::NoteRequest(const DnsMessage& request, const InetSocketAddress& from)
{
    NS_LOG_INFO("request from " << from.GetIpv4() << ": " << request);
    if (request.opcode == DnsMessage::QUERY)
    {
        ++m_counters.queries;
        m_queryTrace(request, from.GetIpv4());
    }
    else if (request.opcode == DnsMessage::UPDATE)
    {
        ++m_counters.updatesReceived;
        m_updateReceivedTrace(request, from.GetIpv4());
    }
}

void
DnsRendezvousServer::CheckTsig(const DnsDecodeResult& decoded, const InetSocketAddress& from)
{
    const DnsMessage& request = decoded.message;
    const DnsTsig& tsig = *request.tsig;
    Auth auth;
    auth.present = true;
    auth.keyName = tsig.keyName;
    auto key = m_keys.find(DnsName::Canonical(tsig.keyName));
    if (key == m_keys.end() || !tsig.IsHmacSha256())
    {
        auth.error = DnsMessage::BADKEY; // RFC 8945 5.2.1
        RefuseTsig(request, auth, BAD_KEY, from);
        return;
    }
    MacTag tag{};
    if (!tsig.GetMac(tag))
    {
        auth.error = DnsMessage::BADSIG; // truncated MACs (RFC 8945 5.2.2.1) are not modelled
        RefuseTsig(request, auth, BAD_SIGNATURE, from);
        return;
    }
    Time delay;
    const bool ok =
        CryptoAgent::Get(GetNode())->CheckMac(tsig.RequestDigestInput(decoded.unsignedBytes),
                                              tag,
                                              key->second.secret,
                                              &delay);
    m_events.Schedule(delay, [this, request, auth, ok, from]() {
        AfterMacCheck(request, auth, ok, from);
    });
}

void
DnsRendezvousServer::AfterMacCheck(const DnsMessage& request,
                                   Auth auth,
                                   bool macOk,
                                   const InetSocketAddress& from)
{
    if (!macOk)
    {
        auth.error = DnsMessage::BADSIG; // RFC 8945 5.2.2
        RefuseTsig(request, auth, BAD_SIGNATURE, from);
        return;
    }
    auth.sign = true;
    auth.requestMac = request.tsig->mac;
    Key& key = m_keys.at(DnsName::Canonical(auth.keyName));
    RejectReason reason = BAD_TIME;
    if (!CheckTime(*request.tsig, key, reason))
    {
        // RFC 8945 5.2.3: signed, with the server's time in Other Data.
        auth.error = DnsMessage::BADTIME;
        auth.otherData = Uint48Bytes(GetClock());
        RefuseTsig(request, auth, reason, from);
        return;
    }
    key.lastTimeSigned = request.tsig->timeSigned;
    key.used = true;
    Respond(request, auth, from);
}

bool
DnsRendezvousServer::CheckTime(const DnsTsig& tsig, const Key& key, RejectReason& reason) const
{
    if (tsig.GetSkew(GetClock()) > std::min(tsig.fudge, m_fudge))
    {
        reason = BAD_TIME;
        return false;
    }
    if (key.used && tsig.timeSigned <= key.lastTimeSigned)
    {
        reason = REPLAYED;
        return false;
    }
    return true;
}

void
DnsRendezvousServer::RefuseTsig(const DnsMessage& request,
                                const Auth& auth,
                                RejectReason reason,
                                const InetSocketAddress& from)
{
    NS_LOG_INFO("TSIG of request " << request.id << " refused: " << GetRejectReasonName(reason));
    if (request.opcode == DnsMessage::UPDATE)
    {
        Reject(request, reason);
    }
    SendResponse(DnsMessage::MakeResponse(request, DnsMessage::NOTAUTH), auth, from);
}

void
DnsRendezvousServer::Respond(const DnsMessage& request,
                             const Auth& auth,
                             const InetSocketAddress& from)
{
    switch (request.opcode)
    {
    case DnsMessage::QUERY:
        SendResponse(AnswerQuery(request), auth, from);
        break;
    case DnsMessage::UPDATE:
        SendResponse(ProcessUpdate(request, auth), auth, from);
        break;
    default:
        SendResponse(DnsMessage::MakeResponse(request, DnsMessage::NOTIMP), auth, from);
    }
}

DnsMessage
DnsRendezvousServer::AnswerQuery(const DnsMessage& query) const
{
    if (query.questions.size() != 1)
    {
        return DnsMessage::MakeResponse(query, DnsMessage::FORMERR);
    }
    const DnsQuestion& q = query.questions.front();
    const bool inClass = q.qclass == DnsMessage::CLASS_IN || q.qclass == DnsMessage::CLASS_ANY;
    if (!inClass || !DnsName::IsInZone(q.name, GetZone()))
    {
        return DnsMessage::MakeResponse(query, DnsMessage::REFUSED);
    }
    DnsMessage response = DnsMessage::MakeResponse(query, DnsMessage::NOERROR);
    response.aa = true;
    const std::string name = DnsName::Canonical(q.name);
    if (!NameExists(name))
    {
        response.rcode = DnsMessage::NXDOMAIN;
        return response;
    }
    auto it = m_records.find(name);
    if (it != m_records.end() && (q.type == DnsMessage::TYPE_A || q.type == DnsMessage::TYPE_ANY))
    {
        for (Ipv4Address address : it->second)
        {
            response.answers.push_back(DnsResourceRecord::MakeA(q.name, address, m_ttl));
        }
    }
    return response;
}

bool
DnsRendezvousServer::NameExists(const std::string& name) const
{
    if (name == GetZone())
    {
        return true;
    }
    const std::string suffix = "." + name;
    return std::any_of(m_records.begin(), m_records.end(), [&](const auto& entry) {
        const std::string& owner = entry.first;
        return owner == name ||
               (owner.size() > suffix.size() &&
                owner.compare(owner.size() - suffix.size(), suffix.size(), suffix) == 0);
    });
}

DnsMessage
DnsRendezvousServer::ProcessUpdate(const DnsMessage& update, const Auth& auth)
{
    RejectReason reason = MALFORMED;
    const uint8_t rcode = CheckUpdate(update, auth, reason);
    if (rcode != DnsMessage::NOERROR)
    {
        Reject(update, reason);
        return DnsMessage::MakeResponse(update, rcode);
    }
    ApplyUpdate(update);
    ++m_counters.updatesAccepted;
    NS_LOG_INFO("update " << update.id << " by key " << auth.keyName << " applied");
    m_acceptedTrace(update, auth.keyName);
    return DnsMessage::MakeResponse(update, DnsMessage::NOERROR);
}

uint8_t
DnsRendezvousServer::CheckUpdate(const DnsMessage& update,
                                 const Auth& auth,
                                 RejectReason& reason) const
{
    if (!auth.sign)
    {
        reason = UNSIGNED;
        return DnsMessage::REFUSED;
    }
    if (update.questions.size() != 1 || update.questions.front().type != DnsMessage::TYPE_SOA)
    {
        reason = MALFORMED; // RFC 2136 3.1.1
        return DnsMessage::FORMERR;
    }
    const DnsQuestion& zone = update.questions.front();
    if (!DnsName::Equal(zone.name, GetZone()) || zone.qclass != DnsMessage::CLASS_IN)
    {
        reason = NOT_AUTHORITATIVE; // RFC 2136 3.1.1
        return DnsMessage::NOTAUTH;
    }
    if (!update.answers.empty())
    {
        reason = NOT_IMPLEMENTED; // prerequisites (RFC 2136 3.2) are not modelled
        return DnsMessage::NOTIMP;
    }
    const Key& key = m_keys.at(DnsName::Canonical(auth.keyName));
    for (const DnsResourceRecord& rr : update.authorities)
    {
        if (key.names.count(DnsName::Canonical(rr.name)) == 0)
        {
            reason = NAME_NOT_ALLOWED; // RFC 2136 3.3
            return DnsMessage::REFUSED;
        }
    }
    for (const DnsResourceRecord& rr : update.authorities)
    {
        const uint8_t rcode = Prescan(rr, reason);
        if (rcode != DnsMessage::NOERROR)
        {
            return rcode;
        }
    }
    return DnsMessage::NOERROR;
}

uint8_t
DnsRendezvousServer::Prescan(const DnsResourceRecord& rr, RejectReason& reason) const
{
    auto refuse = [&reason](RejectReason why, uint8_t rcode) {
        reason = why;
        return rcode;
    };
    if (!DnsName::IsInZone(rr.name, GetZone()))
    {
        return refuse(NOT_IN_ZONE, DnsMessage::NOTZONE);
    }
    const bool meta = rr.type == DnsMessage::TYPE_ANY;
    switch (rr.rrClass)
    {
    case DnsMessage::CLASS_IN: // add to an RRset (2.5.1); the decoder checked A's RDATA
        if (meta)
        {
            return refuse(MALFORMED, DnsMessage::FORMERR);
        }
        break;
    case DnsMessage::CLASS_ANY: // delete an RRset (2.5.2) or a name (2.5.3)
        if (rr.ttl != 0 || !rr.rdata.empty())
        {
            return refuse(MALFORMED, DnsMessage::FORMERR);
        }
        return DnsMessage::NOERROR;
    case DnsMessage::CLASS_NONE: // delete an RR (2.5.4)
        if (rr.ttl != 0 || meta || (rr.type == DnsMessage::TYPE_A && rr.rdata.size() != 4))
        {
            return refuse(MALFORMED, DnsMessage::FORMERR);
        }
        break;
    default:
        return refuse(MALFORMED, DnsMessage::FORMERR);
    }
    if (rr.type != DnsMessage::TYPE_A)
    {
        return refuse(NOT_IMPLEMENTED, DnsMessage::NOTIMP); // only A records are held
    }
    return DnsMessage::NOERROR;
}

void
DnsRendezvousServer::ApplyUpdate(const DnsMessage& update)
{
    for (const DnsResourceRecord& rr : update.authorities)
    {
        const std::string name = DnsName::Canonical(rr.name);
        std::vector<Ipv4Address>& rrset = m_records[name];
        Ipv4Address address;
        rr.GetIpv4(address);
        auto found = std::find(rrset.begin(), rrset.end(), address);
        if (rr.rrClass == DnsMessage::CLASS_IN && found == rrset.end())
        {
            rrset.push_back(address); // RFC 2136 3.4.2.2: duplicates are ignored
        }
        else if (rr.rrClass == DnsMessage::CLASS_NONE && found != rrset.end())
        {
            rrset.erase(found);
        }
        else if (rr.rrClass == DnsMessage::CLASS_ANY &&
                 (rr.type == DnsMessage::TYPE_A || rr.type == DnsMessage::TYPE_ANY))
        {
            rrset.clear();
        }
        if (rrset.empty())
        {
            m_records.erase(name);
        }
    }
}

void
DnsRendezvousServer::Reject(const DnsMessage& update, RejectReason reason)
{
    NS_LOG_INFO("update " << update.id << " refused: " << GetRejectReasonName(reason));
    ++m_counters.updatesRejected;
    ++m_counters.rejects.at(static_cast<std::size_t>(reason));
    m_rejectedTrace(update, reason);
}

void
DnsRendezvousServer::SendResponse(DnsMessage response,
                                  const Auth& auth,
                                  const InetSocketAddress& to)
{
    if (!auth.present)
    {
        Transmit(response, to);
        return;
    }
    DnsTsig tsig;
    tsig.keyName = auth.keyName;
    tsig.timeSigned = GetClock();
    tsig.fudge = m_fudge;
    tsig.originalId = response.id;
    tsig.error = auth.error;
    tsig.otherData = auth.otherData;
    if (!auth.sign)
    {
        response.tsig = tsig; // RFC 8945 5.3.2: unsigned, MAC Size 0
        Transmit(response, to);
        return;
    }
    Time delay;
    const SymmetricKey& key = m_keys.at(DnsName::Canonical(auth.keyName)).secret;
    MacTag mac = CryptoAgent::Get(GetNode())->Mac(
        tsig.ResponseDigestInput(auth.requestMac, response.EncodeUnsigned(response.id)),
        key,
        &delay);
    tsig.SetMac(mac);
    response.tsig = tsig;
    m_events.Schedule(delay, [this, response, to]() { Transmit(response, to); });
}

void
DnsRendezvousServer::Transmit(const DnsMessage& response, const InetSocketAddress& to)
{
    const std::vector<uint8_t> bytes = response.Encode();
    if (!m_socket || bytes.empty())
    {
        NS_LOG_WARN("cannot send the response " << response.id);
        return;
    }
    Ptr<Packet> packet = Create<Packet>(bytes.data(), bytes.size());
    if (m_socket->SendTo(packet, 0, to) < 0)
    {
        NS_LOG_WARN("the socket refused the response " << response.id);
        return;
    }
    ++m_counters.answers;
    NS_LOG_INFO("response to " << to.GetIpv4() << ": " << response);
    m_answerTrace(response, to.GetIpv4());
}

} // namespace ns3
