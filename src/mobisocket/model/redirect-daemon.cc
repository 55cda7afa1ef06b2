/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#define NS_LOG_APPEND_CONTEXT                                                                      \
    if (GetNode())                                                                                 \
    {                                                                                              \
        std::clog << " [node " << GetNode()->GetId() << "] ";                                      \
    }

#include "redirect-daemon.h"

#include "crypto-agent.h"
#include "tcp-socket-list.h"

#include "ns3/boolean.h"
#include "ns3/dhcp-client.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MobiSocketRedirectDaemon");

NS_OBJECT_ENSURE_REGISTERED(RedirectDaemon);

TypeId
RedirectDaemon::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::RedirectDaemon")
            .SetParent<Application>()
            .SetGroupName("MobiSocket")
            .AddConstructor<RedirectDaemon>()
            .AddAttribute("Port",
                          "UDP port on which the daemons of all hosts talk to each other.",
                          UintegerValue(DEFAULT_PORT),
                          MakeUintegerAccessor(&RedirectDaemon::m_port),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("PrepareAfter",
                          "Age a connection must reach before the daemons prepare it (agree a "
                          "secret for it). The original value is unknown; sweep it.",
                          TimeValue(Seconds(60)),
                          MakeTimeAccessor(&RedirectDaemon::m_prepareAfter),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("ScanInterval",
                          "How often the daemon looks at the kernel's connections.",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&RedirectDaemon::m_scanInterval),
                          MakeTimeChecker(NanoSeconds(1)))
            .AddAttribute("RetransmissionTimeout",
                          "First timeout of an unanswered key share or redirect request; it "
                          "doubles at each retransmission.",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&RedirectDaemon::m_rto),
                          MakeTimeChecker(NanoSeconds(1)))
            .AddAttribute("MaxRetransmissions",
                          "Retransmissions of a key share or redirect request before giving up.",
                          UintegerValue(6),
                          MakeUintegerAccessor(&RedirectDaemon::m_maxRetransmissions),
                          MakeUintegerChecker<uint32_t>(0, 16))
            .AddAttribute("ResetTimer",
                          "Restart transmission without backoff once a redirect completes (on "
                          "the peer after answering, on the mover after the answer), as TCP-R "
                          "and MobiSocket do. Whether Prevelakis and Ioannidis do is unknown; "
                          "false leaves TCP to its backed-off retransmission timer.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&RedirectDaemon::m_resetTimer),
                          MakeBooleanChecker())
            .AddTraceSource("ConnectionPrepared",
                            "The daemons agreed a secret for a connection; its socket is "
                            "marked prepared and its exchange exists (GetExchange).",
                            MakeTraceSourceAccessor(&RedirectDaemon::m_preparedTrace),
                            "ns3::RedirectDaemon::ConnectionTracedCallback")
            .AddTraceSource("PreparationFailed",
                            "The opener's key share was never answered.",
                            MakeTraceSourceAccessor(&RedirectDaemon::m_preparationFailedTrace),
                            "ns3::RedirectDaemon::ConnectionTracedCallback")
            .AddTraceSource("KeyShareSent",
                            "A key share left (offer, retransmission or answer).",
                            MakeTraceSourceAccessor(&RedirectDaemon::m_keyShareSentTrace),
                            "ns3::RedirectDaemon::KeyShareTracedCallback")
            .AddTraceSource("MessageRejected",
                            "A daemon message was rejected and changed nothing (also every "
                            "rejection of a connection's exchange).",
                            MakeTraceSourceAccessor(&RedirectDaemon::m_rejectedTrace),
                            "ns3::RedirectDaemon::RejectedTracedCallback");
    return tid;
}

RedirectDaemon::RedirectDaemon()
    : m_port(7700),
      m_prepareAfter(Seconds(60)),
      m_scanInterval(Seconds(1)),
      m_rto(Seconds(1)),
      m_maxRetransmissions(6),
      m_resetTimer(true)
{
    NS_LOG_FUNCTION(this);
}

RedirectDaemon::~RedirectDaemon()
{
    NS_LOG_FUNCTION(this);
}

void
RedirectDaemon::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_scanEvent.Cancel();
    m_connections.clear();
    m_dhcpClients.clear();
    m_socket = nullptr;
    Application::DoDispose();
}

// ------------------------------------------------------------------------------------------
// A connection, as the exchange sees it

RedirectDaemon::Connection::Connection(RedirectDaemon* daemon,
                                       uint64_t id,
                                       Ptr<RedirectableTcpSocket> socket,
                                       bool opener)
    : daemon(daemon),
      id(id),
      socket(socket),
      opener(opener)
{
}

RedirectDaemon::Connection::~Connection()
{
    shareEvent.Cancel();
    if (exchange)
    {
        exchange->Dispose(); // its events and its pointers to this connection go
    }
}

bool
RedirectDaemon::Connection::CanRelocate() const
{
    return state == PREPARED && socket->IsAlive();
}

uint64_t
RedirectDaemon::Connection::GetExchangeToken() const
{
    return id;
}

IpAddress
RedirectDaemon::Connection::GetExchangeLocalAddress() const
{
    return socket->GetLocalAddress().GetIpv4();
}

uint16_t
RedirectDaemon::Connection::GetExchangeLocalPort() const
{
    return socket->GetLocalPort();
}

IpAddress
RedirectDaemon::Connection::GetExchangePeerAddress() const
{
    return socket->GetPeerAddress().GetIpv4();
}

bool
RedirectDaemon::Connection::MovePeer(const AddressUpdateHeader& update)
{
    return socket->RedirectDestination(update.GetNewAddress().GetIpv4(), update.GetNewPort()) == 0;
}

void
RedirectDaemon::Connection::ChangeCompleted(bool restart)
{
    if (restart)
    {
        socket->Resume();
    }
}

void
RedirectDaemon::Connection::SendUpdate(const AddressUpdateHeader& message)
{
    // To the peer's daemon at the address the connection knows for the peer.
    daemon->SendTo(message.ToPacket(), socket->GetPeerAddress().GetIpv4(), daemon->m_port);
}

void
RedirectDaemon::Connection::SendConfirm(const AddressConfirmHeader& message)
{
    // The peer's address was just rewritten to the mover's new one.
    daemon->SendTo(message.ToPacket(), socket->GetPeerAddress().GetIpv4(), daemon->m_port);
}

Time
RedirectDaemon::Connection::GetConfirmationTimeout(uint32_t transmissions) const
{
    return daemon->RetransmissionDelay(transmissions);
}

uint32_t
RedirectDaemon::Connection::GetMaxRetransmissions() const
{
    return daemon->m_maxRetransmissions;
}

// ------------------------------------------------------------------------------------------
// Accessors

uint64_t
RedirectDaemon::ComputeConnectionId(Ipv4Address openerAddress,
                                    uint16_t openerPort,
                                    Ipv4Address responderAddress,
                                    uint16_t responderPort)
{
    const uint32_t a = openerAddress.Get();
    const uint32_t b = responderAddress.Get();
    const uint8_t bytes[12] = {static_cast<uint8_t>(a >> 24),
                               static_cast<uint8_t>(a >> 16),
                               static_cast<uint8_t>(a >> 8),
                               static_cast<uint8_t>(a),
                               static_cast<uint8_t>(openerPort >> 8),
                               static_cast<uint8_t>(openerPort),
                               static_cast<uint8_t>(b >> 24),
                               static_cast<uint8_t>(b >> 16),
                               static_cast<uint8_t>(b >> 8),
                               static_cast<uint8_t>(b),
                               static_cast<uint8_t>(responderPort >> 8),
                               static_cast<uint8_t>(responderPort)};
    uint64_t hash = 0xcbf29ce484222325ULL; // FNV-1a offset basis
    for (uint8_t byte : bytes)
    {
        hash ^= byte;
        hash *= 0x100000001b3ULL; // FNV-1a prime
    }
    return hash == 0 ? 1 : hash;
}

uint64_t
RedirectDaemon::GetConnectionId(Ptr<const RedirectableTcpSocket> socket) const
{
    for (const auto& [id, c] : m_connections)
    {
        if (PeekPointer(c->socket) == PeekPointer(socket))
        {
            return id;
        }
    }
    return 0;
}

Ptr<ChangeExchange>
RedirectDaemon::GetExchange(uint64_t id) const
{
    Connection* c = Find(id);
    return c ? c->exchange : nullptr;
}

RedirectDaemon::Connection*
RedirectDaemon::Find(uint64_t id) const
{
    auto it = m_connections.find(id);
    return it == m_connections.end() ? nullptr : it->second.get();
}

ChangeExchange::Counters
RedirectDaemon::GetExchangeCounters() const
{
    ChangeExchange::Counters total = m_forgotten;
    for (const auto& [id, c] : m_connections)
    {
        if (c->exchange)
        {
            total += c->exchange->GetCounters();
        }
    }
    return total;
}

uint32_t
RedirectDaemon::GetConnectionsPrepared() const
{
    return m_prepared;
}

uint32_t
RedirectDaemon::GetKeyAgreements() const
{
    return m_keyAgreements;
}

uint32_t
RedirectDaemon::GetPreparationsFailed() const
{
    return m_preparationsFailed;
}

uint32_t
RedirectDaemon::GetKeyShareTransmissions() const
{
    return m_shareTransmissions;
}

uint32_t
RedirectDaemon::GetRedirectsSent() const
{
    return GetExchangeCounters().announced;
}

uint32_t
RedirectDaemon::GetRedirectTransmissions() const
{
    return GetExchangeCounters().transmissions;
}

uint32_t
RedirectDaemon::GetRedirectsAccepted() const
{
    return GetExchangeCounters().accepted;
}

uint32_t
RedirectDaemon::GetRedirectsConfirmed() const
{
    return GetExchangeCounters().confirmed;
}

uint32_t
RedirectDaemon::GetRedirectsFailed() const
{
    return GetExchangeCounters().failed;
}

uint32_t
RedirectDaemon::GetRejectCount(ChangeRejectReason reason) const
{
    return m_rejects.at(static_cast<std::size_t>(reason));
}

// ------------------------------------------------------------------------------------------
// Life cycle

void
RedirectDaemon::StartApplication()
{
    NS_LOG_FUNCTION(this);
    m_running = true;
    m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    if (m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_port)) != 0)
    {
        NS_LOG_WARN("cannot bind UDP port " << m_port << ": errno " << m_socket->GetErrno());
    }
    m_socket->SetRecvCallback(MakeCallback(&RedirectDaemon::Receive, this));

    // The daemon notices address changes itself: follow every DHCP client.
    for (uint32_t i = 0; i < GetNode()->GetNApplications(); ++i)
    {
        Ptr<DhcpClient> dhcp = DynamicCast<DhcpClient>(GetNode()->GetApplication(i));
        if (dhcp &&
            dhcp->TraceConnectWithoutContext("NewLease",
                                             MakeCallback(&RedirectDaemon::LeaseObtained, this)))
        {
            m_dhcpClients.push_back(dhcp);
        }
    }
    m_scanEvent = Simulator::Schedule(m_scanInterval, &RedirectDaemon::Scan, this);
}

void
RedirectDaemon::StopApplication()
{
    NS_LOG_FUNCTION(this);
    m_running = false;
    m_scanEvent.Cancel();
    for (auto& [id, c] : m_connections)
    {
        c->shareEvent.Cancel();
        if (c->exchange)
        {
            m_forgotten += c->exchange->GetCounters();
            c->exchange->Dispose();
            c->exchange = nullptr;
        }
    }
    for (Ptr<DhcpClient> dhcp : m_dhcpClients)
    {
        dhcp->TraceDisconnectWithoutContext("NewLease",
                                            MakeCallback(&RedirectDaemon::LeaseObtained, this));
    }
    m_dhcpClients.clear();
    if (m_socket)
    {
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_socket->Close();
        m_socket = nullptr;
    }
}

// ------------------------------------------------------------------------------------------
// Helpers

std::vector<Ptr<RedirectableTcpSocket>>
RedirectDaemon::GetSockets() const
{
    return GetTcpSockets<RedirectableTcpSocket>(GetNode());
}

void
RedirectDaemon::PurgeClosed()
{
    for (auto it = m_connections.begin(); it != m_connections.end();)
    {
        if (!it->second->socket->IsAlive())
        {
            NS_LOG_LOGIC("forgetting connection " << std::hex << it->first << std::dec);
            if (it->second->exchange)
            {
                m_forgotten += it->second->exchange->GetCounters();
            }
            it = m_connections.erase(it);
        }
        else
        {
            ++it;
        }
    }
}

Ptr<RedirectableTcpSocket>
RedirectDaemon::FindResponderSocket(uint64_t id) const
{
    for (Ptr<RedirectableTcpSocket> socket : GetSockets())
    {
        if (socket->IsSynchronized() && !socket->IsActiveOpener() &&
            ComputeConnectionId(socket->GetPeerAddress().GetIpv4(),
                                socket->GetPeerPort(),
                                socket->GetLocalAddress().GetIpv4(),
                                socket->GetLocalPort()) == id)
        {
            return socket;
        }
    }
    return nullptr;
}

bool
RedirectDaemon::IsLocalAddress(Ipv4Address address) const
{
    Ptr<Ipv4> ipv4 = GetNode()->GetObject<Ipv4>();
    return ipv4 && ipv4->GetInterfaceForAddress(address) >= 0;
}

Time
RedirectDaemon::RetransmissionDelay(uint32_t attempts) const
{
    return m_rto * static_cast<double>(uint64_t(1) << std::min<uint32_t>(attempts - 1, 30));
}

void
RedirectDaemon::SendTo(Ptr<Packet> packet, Ipv4Address to, uint16_t toPort)
{
    if (m_socket)
    {
        m_socket->SendTo(packet, 0, InetSocketAddress(to, toPort));
    }
}

void
RedirectDaemon::Reject(MobilityControlHeader::MessageType type,
                       ChangeRejectReason reason,
                       Ptr<RedirectableTcpSocket> socket)
{
    NS_LOG_INFO("message of type " << int(type) << " rejected: " << reason);
    ++m_rejects.at(static_cast<std::size_t>(reason));
    m_rejectedTrace(type, reason);
    if (socket)
    {
        socket->RecordRejected(type, reason);
    }
}

void
RedirectDaemon::ExchangeRejected(uint64_t id,
                                 MobilityControlHeader::MessageType type,
                                 ChangeRejectReason reason)
{
    Connection* c = Find(id);
    Reject(type, reason, c ? c->socket : nullptr);
}

// ------------------------------------------------------------------------------------------
// Preparation

void
RedirectDaemon::Scan()
{
    NS_LOG_FUNCTION(this);
    if (!m_running)
    {
        return;
    }
    PurgeClosed();
    const Time now = Simulator::Now();
    for (Ptr<RedirectableTcpSocket> socket : GetSockets())
    {
        // A connection whose address the node has lost cannot be prepared
        // any more: it is lost like any TCP connection. The daemon is IPv4
        // (its messages and connection ids), as in its paper.
        if (socket->GetFamily() != IpAddress::IPV4 ||
            socket->GetState() != TcpSocket::ESTABLISHED || socket->IsPrepared() ||
            !socket->IsActiveOpener() || !socket->IsSynchronized() ||
            now - socket->GetEstablishedTime() < m_prepareAfter ||
            !IsLocalAddress(socket->GetLocalAddress().GetIpv4()))
        {
            continue;
        }
        uint64_t id = ComputeConnectionId(socket->GetLocalAddress().GetIpv4(),
                                          socket->GetLocalPort(),
                                          socket->GetPeerAddress().GetIpv4(),
                                          socket->GetPeerPort());
        if (m_connections.count(id) == 0)
        {
            StartPreparation(socket, id);
        }
    }
    m_scanEvent = Simulator::Schedule(m_scanInterval, &RedirectDaemon::Scan, this);
}

void
RedirectDaemon::StartPreparation(Ptr<RedirectableTcpSocket> socket, uint64_t id)
{
    NS_LOG_FUNCTION(this << socket << id);
    auto& c = m_connections[id];
    c = std::make_unique<Connection>(this, id, socket, true);
    c->state = GENERATING;
    Time delay;
    c->ownShare = CryptoAgent::Get(GetNode())->GenerateKeyShare(&delay);
    NS_LOG_INFO("preparing connection "
                << std::hex << id << std::dec << " (" << socket->GetLocalAddress().GetIpv4() << ":"
                << socket->GetLocalPort() << " - " << socket->GetPeerAddress().GetIpv4() << ":"
                << socket->GetPeerPort() << ")");
    c->shareEvent = Simulator::Schedule(delay, &RedirectDaemon::SendOffer, this, id);
}

void
RedirectDaemon::SendOffer(uint64_t id)
{
    Connection* c = Find(id);
    if (!m_running || !c || c->state != GENERATING)
    {
        return;
    }
    KeyShareHeader offer;
    offer.SetToken(id);
    offer.SetSequence(0); // "I do not have your share yet"
    offer.SetShare(c->ownShare.publicKey);
    c->shareMessage = offer.ToPacket();
    c->state = AWAITING;
    c->shareAttempts = 0;
    TransmitOffer(id);
}

void
RedirectDaemon::TransmitOffer(uint64_t id)
{
    Connection* c = Find(id);
    if (!m_running || !c || c->state != AWAITING)
    {
        return;
    }
    // Unanswered, and the node has lost the connection's address meanwhile:
    // the connection is lost like any TCP connection (the peer would not
    // take a share from another address).
    if (c->shareAttempts > m_maxRetransmissions ||
        !IsLocalAddress(c->socket->GetLocalAddress().GetIpv4()))
    {
        NS_LOG_INFO("no answer to the key share of connection " << std::hex << id << std::dec
                                                                << ": preparation failed");
        c->state = FAILED;
        ++m_preparationsFailed;
        m_preparationFailedTrace(id);
        return;
    }
    ++c->shareAttempts;
    ++m_shareTransmissions;
    KeyShareHeader offer;
    c->shareMessage->PeekHeader(offer);
    m_keyShareSentTrace(id, offer);
    SendTo(c->shareMessage->Copy(), c->socket->GetPeerAddress().GetIpv4(), m_port);
    c->shareEvent = Simulator::Schedule(RetransmissionDelay(c->shareAttempts),
                                        &RedirectDaemon::TransmitOffer,
                                        this,
                                        id);
}

void
RedirectDaemon::HandleKeyShare(Ptr<Packet> packet, Ipv4Address from, uint16_t fromPort)
{
    KeyShareHeader share;
    if (packet->PeekHeader(share) == 0 || !share.IsWellFormed() || share.GetSequence() > 1)
    {
        Reject(MobilityControlHeader::KEY_SHARE, ChangeRejectReason::MALFORMED);
        return;
    }
    const uint64_t id = share.GetToken();
    Connection* known = Find(id);
    if (share.GetSequence() == 1)
    {
        // The responder's answer: this host is the opener.
        if (!known)
        {
            Reject(MobilityControlHeader::KEY_SHARE, ChangeRejectReason::WRONG_TOKEN);
            return;
        }
        AnswerReceived(*known, share, from);
        return;
    }
    // An opener's offer: this host is the responder.
    if (known)
    {
        if (!known->opener && known->peerShare == share.GetShare() &&
            from == known->socket->GetPeerAddress().GetIpv4())
        {
            // A retransmission: our answer was lost (or is being computed).
            if (known->state == PREPARED && known->shareMessage)
            {
                ++m_shareTransmissions;
                KeyShareHeader answer;
                known->shareMessage->PeekHeader(answer);
                m_keyShareSentTrace(id, answer);
                SendTo(known->shareMessage->Copy(), from, fromPort);
            }
            return;
        }
        // Another share for a connection already being prepared would re-key it.
        Reject(MobilityControlHeader::KEY_SHARE, ChangeRejectReason::UNEXPECTED, known->socket);
        return;
    }
    Ptr<RedirectableTcpSocket> socket = FindResponderSocket(id);
    if (!socket)
    {
        Reject(MobilityControlHeader::KEY_SHARE, ChangeRejectReason::WRONG_TOKEN);
        return;
    }
    if (from != socket->GetPeerAddress().GetIpv4())
    {
        Reject(MobilityControlHeader::KEY_SHARE, ChangeRejectReason::ADDRESS_MISMATCH, socket);
        return;
    }
    auto& c = m_connections[id];
    c = std::make_unique<Connection>(this, id, socket, false);
    c->state = AGREEING;
    c->peerShare = share.GetShare();
    Ptr<CryptoAgent> agent = CryptoAgent::Get(GetNode());
    Time generated;
    Time agreed;
    bool valid = true;
    c->ownShare = agent->GenerateKeyShare(&generated);
    c->secret = agent->Agree(c->ownShare, c->peerShare, &agreed, &valid);
    ++m_keyAgreements;
    // The CPU queues the operations: the agreement ends last.
    c->shareEvent = Simulator::Schedule(std::max(generated, agreed),
                                        &RedirectDaemon::CompleteResponder,
                                        this,
                                        id,
                                        valid,
                                        from,
                                        fromPort);
}

void
RedirectDaemon::AnswerReceived(Connection& c, const KeyShareHeader& share, Ipv4Address from)
{
    if (c.opener && c.state != AWAITING && c.peerShare == share.GetShare() &&
        from == c.socket->GetPeerAddress().GetIpv4())
    {
        return; // a duplicate answer to a retransmitted offer
    }
    if (!c.opener || c.state != AWAITING)
    {
        Reject(MobilityControlHeader::KEY_SHARE, ChangeRejectReason::UNEXPECTED, c.socket);
        return;
    }
    if (from != c.socket->GetPeerAddress().GetIpv4())
    {
        Reject(MobilityControlHeader::KEY_SHARE, ChangeRejectReason::ADDRESS_MISMATCH, c.socket);
        return;
    }
    c.shareEvent.Cancel();
    c.state = AGREEING;
    c.peerShare = share.GetShare();
    Time agreed;
    bool valid = true;
    c.secret = CryptoAgent::Get(GetNode())->Agree(c.ownShare, c.peerShare, &agreed, &valid);
    ++m_keyAgreements;
    c.shareEvent = Simulator::Schedule(agreed, &RedirectDaemon::CompleteOpener, this, c.id, valid);
}

void
RedirectDaemon::CompleteResponder(uint64_t id, bool valid, Ipv4Address to, uint16_t toPort)
{
    Connection* c = Find(id);
    if (!m_running || !c || c->state != AGREEING)
    {
        return;
    }
    if (!valid || !c->socket->IsSynchronized())
    {
        if (!valid)
        {
            Reject(MobilityControlHeader::KEY_SHARE, ChangeRejectReason::MALFORMED, c->socket);
        }
        m_connections.erase(id);
        return;
    }
    MarkPrepared(*c);
    KeyShareHeader answer;
    answer.SetToken(id);
    answer.SetSequence(1); // "I have your share"
    answer.SetShare(c->ownShare.publicKey);
    c->shareMessage = answer.ToPacket();
    ++m_shareTransmissions;
    m_keyShareSentTrace(id, answer);
    SendTo(c->shareMessage->Copy(), to, toPort);
}

void
RedirectDaemon::CompleteOpener(uint64_t id, bool valid)
{
    Connection* c = Find(id);
    if (!m_running || !c || c->state != AGREEING)
    {
        return;
    }
    if (!valid)
    {
        Reject(MobilityControlHeader::KEY_SHARE, ChangeRejectReason::MALFORMED, c->socket);
        c->state = FAILED;
        ++m_preparationsFailed;
        m_preparationFailedTrace(id);
        return;
    }
    if (!c->socket->IsSynchronized())
    {
        m_connections.erase(id);
        return;
    }
    MarkPrepared(*c);
}

void
RedirectDaemon::MarkPrepared(Connection& c)
{
    c.state = PREPARED;
    c.socket->SetPrepared(true);
    Ptr<MacAuthenticator> authenticator = Create<MacAuthenticator>(CryptoAgent::Get(GetNode()));
    authenticator->SetSecret(c.secret);
    c.exchange = CreateObject<ChangeExchange>();
    c.exchange->SetConnection(&c);
    c.exchange->SetTransport(&c);
    c.exchange->SetMessageType(MobilityControlHeader::REDIRECT_REQUEST);
    c.exchange->SetAuthenticator(authenticator);
    c.exchange->SetResetTimer(m_resetTimer);
    c.exchange->SetAddressKnownToPeer(c.socket->GetLocalAddress().GetIpv4());
    c.exchange->TraceConnectWithoutContext(
        "Rejected",
        MakeCallback(&RedirectDaemon::ExchangeRejected, this).Bind(c.id));
    ++m_prepared;
    NS_LOG_INFO("connection " << std::hex << c.id << std::dec << " prepared");
    m_preparedTrace(c.id);
}

// ------------------------------------------------------------------------------------------
// Redirect

void
RedirectDaemon::LeaseObtained(const Ipv4Address& address)
{
    NS_LOG_FUNCTION(this << address);
    Simulator::ScheduleNow(&RedirectDaemon::NotifyAddressChange, this, address);
}

void
RedirectDaemon::NotifyAddressChange(Ipv4Address address)
{
    NS_LOG_FUNCTION(this << address);
    if (!m_running)
    {
        return;
    }
    if (!IsLocalAddress(address))
    {
        NS_LOG_WARN(address << " is not assigned to this node: ignored");
        return;
    }
    PurgeClosed();
    for (auto& [id, c] : m_connections)
    {
        if (c->state != PREPARED || IsLocalAddress(c->socket->GetLocalAddress().GetIpv4()))
        {
            continue;
        }
        if (c->socket->RedirectSource(address) != 0)
        {
            NS_LOG_WARN("connection " << std::hex << id << std::dec << " cannot move to " << address
                                      << ": errno " << c->socket->GetErrno());
            continue;
        }
        NS_LOG_INFO("connection " << std::hex << id << std::dec << " moves to " << address);
        c->exchange->Announce();
    }
}

void
RedirectDaemon::HandleRedirect(Ptr<Packet> packet,
                               MobilityControlHeader::MessageType type,
                               uint64_t token,
                               Ipv4Address from)
{
    Connection* c = Find(token);
    if (!c || !c->socket->IsAlive())
    {
        Reject(type, ChangeRejectReason::WRONG_TOKEN);
        return;
    }
    if (c->state != PREPARED)
    {
        Reject(type, ChangeRejectReason::NOT_ACTIVE, c->socket);
        return;
    }
    ChangeExchange::Origin origin;
    origin.address = from;
    c->exchange->Receive(packet, origin);
}

// ------------------------------------------------------------------------------------------
// Reception

void
RedirectDaemon::Receive(Ptr<Socket> socket)
{
    Address fromAddress;
    Ptr<Packet> packet;
    while ((packet = socket->RecvFrom(fromAddress)))
    {
        if (!m_running || !InetSocketAddress::IsMatchingType(fromAddress))
        {
            continue;
        }
        InetSocketAddress from = InetSocketAddress::ConvertFrom(fromAddress);
        MobilityControlHeader::MessageType type;
        uint64_t token = 0;
        if (!MobilityControlHeader::PeekEnvelope(packet, type, token))
        {
            uint8_t byte = 0;
            if (packet->GetSize() > 4)
            {
                uint8_t head[5];
                packet->CopyData(head, 5);
                byte = head[4];
            }
            Reject(static_cast<MobilityControlHeader::MessageType>(byte),
                   ChangeRejectReason::MALFORMED);
            continue;
        }
        switch (type)
        {
        case MobilityControlHeader::KEY_SHARE:
            HandleKeyShare(packet, from.GetIpv4(), from.GetPort());
            break;
        case MobilityControlHeader::REDIRECT_REQUEST:
        case MobilityControlHeader::REDIRECT_ACK:
            HandleRedirect(packet, type, token, from.GetIpv4());
            break;
        default:
            // Not a daemon message (MobiSocket's messages travel in TCP).
            Reject(type, ChangeRejectReason::MALFORMED);
            break;
        }
    }
}

} // namespace ns3
