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

#include "relocatable-socket-factory.h"

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

namespace
{
/**
 * \param header a control message
 * \return a packet holding it
 */
Ptr<Packet>
ToPacket(const Header& header)
{
    Ptr<Packet> packet = Create<Packet>();
    packet->AddHeader(header);
    return packet;
}
} // namespace

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
                          UintegerValue(7700),
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
                            "marked prepared.",
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
            .AddTraceSource("RedirectSent",
                            "A redirect request left (also on retransmission).",
                            MakeTraceSourceAccessor(&RedirectDaemon::m_redirectSentTrace),
                            "ns3::RedirectDaemon::RedirectRequestTracedCallback")
            .AddTraceSource("RedirectAccepted",
                            "The peer's redirect was authenticated and applied to the socket.",
                            MakeTraceSourceAccessor(&RedirectDaemon::m_redirectAcceptedTrace),
                            "ns3::RedirectDaemon::RedirectTracedCallback")
            .AddTraceSource("RedirectConfirmed",
                            "The peer acknowledged this host's redirect.",
                            MakeTraceSourceAccessor(&RedirectDaemon::m_redirectConfirmedTrace),
                            "ns3::RedirectDaemon::RedirectTracedCallback")
            .AddTraceSource("RedirectFailed",
                            "A redirect was not acknowledged after all its retransmissions.",
                            MakeTraceSourceAccessor(&RedirectDaemon::m_redirectFailedTrace),
                            "ns3::RedirectDaemon::RedirectTracedCallback")
            .AddTraceSource("MessageRejected",
                            "A daemon message was rejected and changed nothing.",
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
    for (auto& entry : m_connections)
    {
        entry.second.shareEvent.Cancel();
        entry.second.redirectEvent.Cancel();
    }
    m_connections.clear();
    m_dhcpClients.clear();
    m_socket = nullptr;
    Application::DoDispose();
}

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
        if (PeekPointer(c.socket) == PeekPointer(socket))
        {
            return id;
        }
    }
    return 0;
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
    return m_redirectsSent;
}

uint32_t
RedirectDaemon::GetRedirectTransmissions() const
{
    return m_redirectTransmissions;
}

uint32_t
RedirectDaemon::GetRedirectsAccepted() const
{
    return m_redirectsAccepted;
}

uint32_t
RedirectDaemon::GetRedirectsConfirmed() const
{
    return m_redirectsConfirmed;
}

uint32_t
RedirectDaemon::GetRedirectsFailed() const
{
    return m_redirectsFailed;
}

uint32_t
RedirectDaemon::GetRejectCount(RejectReason reason) const
{
    return m_rejects.at(reason);
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
    for (auto& entry : m_connections)
    {
        entry.second.shareEvent.Cancel();
        entry.second.redirectEvent.Cancel();
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
    return RelocatableSocketFactory::SocketsOn<RedirectableTcpSocket>(GetNode());
}

void
RedirectDaemon::PurgeClosed()
{
    for (auto it = m_connections.begin(); it != m_connections.end();)
    {
        if (!it->second.socket->IsAlive())
        {
            NS_LOG_LOGIC("forgetting connection " << std::hex << it->first << std::dec);
            it->second.shareEvent.Cancel();
            it->second.redirectEvent.Cancel();
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
            ComputeConnectionId(socket->GetPeerAddress(),
                                socket->GetPeerPort(),
                                socket->GetLocalAddress(),
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
                       RejectReason reason,
                       Ptr<RedirectableTcpSocket> socket)
{
    NS_LOG_INFO("message of type "
                << int(type) << " rejected: " << RelocatableTcpSocket::GetRejectReasonName(reason));
    ++m_rejects.at(reason);
    m_rejectedTrace(type, reason);
    if (socket)
    {
        socket->RecordRejected(type, reason);
    }
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
        // any more: it is lost like any TCP connection.
        if (socket->GetState() != TcpSocket::ESTABLISHED || socket->IsPrepared() ||
            !socket->IsActiveOpener() || !socket->IsSynchronized() ||
            now - socket->GetEstablishedTime() < m_prepareAfter ||
            !IsLocalAddress(socket->GetLocalAddress()))
        {
            continue;
        }
        uint64_t id = ComputeConnectionId(socket->GetLocalAddress(),
                                          socket->GetLocalPort(),
                                          socket->GetPeerAddress(),
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
    Connection& c = m_connections[id];
    c.socket = socket;
    c.opener = true;
    c.state = GENERATING;
    Time delay;
    c.ownShare = CryptoAgent::GetOrCreate(GetNode())->GenerateKeyShare(&delay);
    NS_LOG_INFO("preparing connection "
                << std::hex << id << std::dec << " (" << socket->GetLocalAddress() << ":"
                << socket->GetLocalPort() << " - " << socket->GetPeerAddress() << ":"
                << socket->GetPeerPort() << ")");
    c.shareEvent = Simulator::Schedule(delay, &RedirectDaemon::SendOffer, this, id);
}

void
RedirectDaemon::SendOffer(uint64_t id)
{
    auto it = m_connections.find(id);
    if (!m_running || it == m_connections.end() || it->second.state != GENERATING)
    {
        return;
    }
    Connection& c = it->second;
    KeyShareHeader offer;
    offer.SetToken(id);
    offer.SetSequence(0); // "I do not have your share yet"
    offer.SetShare(c.ownShare.publicKey);
    c.shareMessage = ToPacket(offer);
    c.state = AWAITING;
    c.shareAttempts = 0;
    TransmitOffer(id);
}

void
RedirectDaemon::TransmitOffer(uint64_t id)
{
    auto it = m_connections.find(id);
    if (!m_running || it == m_connections.end() || it->second.state != AWAITING)
    {
        return;
    }
    Connection& c = it->second;
    // Unanswered, and the node has lost the connection's address meanwhile:
    // the connection is lost like any TCP connection (the peer would not
    // take a share from another address).
    if (c.shareAttempts > m_maxRetransmissions || !IsLocalAddress(c.socket->GetLocalAddress()))
    {
        NS_LOG_INFO("no answer to the key share of connection " << std::hex << id << std::dec
                                                                << ": preparation failed");
        c.state = FAILED;
        ++m_preparationsFailed;
        m_preparationFailedTrace(id);
        return;
    }
    ++c.shareAttempts;
    ++m_shareTransmissions;
    KeyShareHeader offer;
    c.shareMessage->PeekHeader(offer);
    m_keyShareSentTrace(id, offer);
    SendTo(c.shareMessage->Copy(), c.socket->GetPeerAddress(), m_port);
    c.shareEvent = Simulator::Schedule(RetransmissionDelay(c.shareAttempts),
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
        Reject(MobilityControlHeader::KEY_SHARE, RelocatableTcpSocket::MALFORMED);
        return;
    }
    const uint64_t id = share.GetToken();
    auto it = m_connections.find(id);
    Ptr<CryptoAgent> agent = CryptoAgent::GetOrCreate(GetNode());

    if (share.GetSequence() == 0)
    {
        // An opener's offer: this host is the responder.
        if (it != m_connections.end())
        {
            Connection& c = it->second;
            if (!c.opener && c.peerShare == share.GetShare() && from == c.socket->GetPeerAddress())
            {
                // A retransmission: our answer was lost (or is being computed).
                if (c.state == PREPARED && c.shareMessage)
                {
                    ++m_shareTransmissions;
                    KeyShareHeader answer;
                    c.shareMessage->PeekHeader(answer);
                    m_keyShareSentTrace(id, answer);
                    SendTo(c.shareMessage->Copy(), from, fromPort);
                }
                return;
            }
            // Another share for a connection already being prepared would re-key it.
            Reject(MobilityControlHeader::KEY_SHARE, RelocatableTcpSocket::UNEXPECTED, c.socket);
            return;
        }
        Ptr<RedirectableTcpSocket> socket = FindResponderSocket(id);
        if (!socket)
        {
            Reject(MobilityControlHeader::KEY_SHARE, RelocatableTcpSocket::WRONG_TOKEN);
            return;
        }
        if (from != socket->GetPeerAddress())
        {
            Reject(MobilityControlHeader::KEY_SHARE,
                   RelocatableTcpSocket::ADDRESS_MISMATCH,
                   socket);
            return;
        }
        Connection& c = m_connections[id];
        c.socket = socket;
        c.opener = false;
        c.state = AGREEING;
        c.peerShare = share.GetShare();
        Time generated;
        Time agreed;
        bool valid = true;
        c.ownShare = agent->GenerateKeyShare(&generated);
        c.secret = agent->Agree(c.ownShare, c.peerShare, &agreed, &valid);
        ++m_keyAgreements;
        // The CPU queues the operations: the agreement ends last.
        Simulator::Schedule(std::max(generated, agreed),
                            &RedirectDaemon::CompleteResponder,
                            this,
                            id,
                            valid,
                            from,
                            fromPort);
        return;
    }

    // Sequence 1: the responder's answer; this host is the opener.
    if (it == m_connections.end())
    {
        Reject(MobilityControlHeader::KEY_SHARE, RelocatableTcpSocket::WRONG_TOKEN);
        return;
    }
    Connection& c = it->second;
    if (c.opener && c.state != AWAITING && c.peerShare == share.GetShare() &&
        from == c.socket->GetPeerAddress())
    {
        return; // a duplicate answer to a retransmitted offer
    }
    if (!c.opener || c.state != AWAITING)
    {
        Reject(MobilityControlHeader::KEY_SHARE, RelocatableTcpSocket::UNEXPECTED, c.socket);
        return;
    }
    if (from != c.socket->GetPeerAddress())
    {
        Reject(MobilityControlHeader::KEY_SHARE, RelocatableTcpSocket::ADDRESS_MISMATCH, c.socket);
        return;
    }
    c.shareEvent.Cancel();
    c.state = AGREEING;
    c.peerShare = share.GetShare();
    Time agreed;
    bool valid = true;
    c.secret = agent->Agree(c.ownShare, c.peerShare, &agreed, &valid);
    ++m_keyAgreements;
    c.shareEvent = Simulator::Schedule(agreed, &RedirectDaemon::CompleteOpener, this, id, valid);
}

void
RedirectDaemon::CompleteResponder(uint64_t id, bool valid, Ipv4Address to, uint16_t toPort)
{
    auto it = m_connections.find(id);
    if (!m_running || it == m_connections.end() || it->second.state != AGREEING)
    {
        return;
    }
    Connection& c = it->second;
    if (!valid || !c.socket->IsSynchronized())
    {
        if (!valid)
        {
            Reject(MobilityControlHeader::KEY_SHARE, RelocatableTcpSocket::MALFORMED, c.socket);
        }
        m_connections.erase(it);
        return;
    }
    MarkPrepared(id, c);
    KeyShareHeader answer;
    answer.SetToken(id);
    answer.SetSequence(1); // "I have your share"
    answer.SetShare(c.ownShare.publicKey);
    c.shareMessage = ToPacket(answer);
    ++m_shareTransmissions;
    m_keyShareSentTrace(id, answer);
    SendTo(c.shareMessage->Copy(), to, toPort);
}

void
RedirectDaemon::CompleteOpener(uint64_t id, bool valid)
{
    auto it = m_connections.find(id);
    if (!m_running || it == m_connections.end() || it->second.state != AGREEING)
    {
        return;
    }
    Connection& c = it->second;
    if (!valid)
    {
        Reject(MobilityControlHeader::KEY_SHARE, RelocatableTcpSocket::MALFORMED, c.socket);
        c.state = FAILED;
        ++m_preparationsFailed;
        m_preparationFailedTrace(id);
        return;
    }
    if (!c.socket->IsSynchronized())
    {
        m_connections.erase(it);
        return;
    }
    MarkPrepared(id, c);
}

void
RedirectDaemon::MarkPrepared(uint64_t id, Connection& c)
{
    c.state = PREPARED;
    c.knownToPeer = c.socket->GetLocalAddress();
    c.socket->SetPrepared(true);
    ++m_prepared;
    NS_LOG_INFO("connection " << std::hex << id << std::dec << " prepared");
    m_preparedTrace(id);
}

// ------------------------------------------------------------------------------------------
// Redirect: the mover

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
    std::vector<uint64_t> moved;
    for (const auto& [id, c] : m_connections)
    {
        if (c.state == PREPARED && !IsLocalAddress(c.socket->GetLocalAddress()))
        {
            moved.push_back(id);
        }
    }
    for (uint64_t id : moved)
    {
        StartRedirect(id, address);
    }
}

void
RedirectDaemon::StartRedirect(uint64_t id, Ipv4Address address)
{
    Connection& c = m_connections.at(id);
    if (c.socket->RedirectSource(address) != 0)
    {
        NS_LOG_WARN("connection " << std::hex << id << std::dec << " cannot move to " << address
                                  << ": errno " << c.socket->GetErrno());
        return;
    }
    c.redirectEvent.Cancel(); // an unacknowledged earlier redirect is replaced
    RedirectRequestHeader request;
    request.SetToken(id);
    request.SetSequence(++c.sequence);
    request.SetOldAddress(c.knownToPeer);
    request.SetNewAddress(address);
    request.SetNewPort(c.socket->GetLocalPort());
    Time delay = request.Authenticate(CryptoAgent::GetOrCreate(GetNode()), c.secret);
    c.pendingSequence = c.sequence;
    c.pendingRequest = request;
    c.redirectAttempts = 0;
    ++m_redirectsSent;
    NS_LOG_INFO("connection " << std::hex << id << std::dec << " moves from " << c.knownToPeer
                              << " to " << address << " (sequence " << c.sequence << ")");
    c.redirectEvent = Simulator::Schedule(delay, &RedirectDaemon::TransmitRedirect, this, id);
}

void
RedirectDaemon::TransmitRedirect(uint64_t id)
{
    auto it = m_connections.find(id);
    if (!m_running || it == m_connections.end() || it->second.pendingSequence == 0)
    {
        return;
    }
    Connection& c = it->second;
    if (c.redirectAttempts > m_maxRetransmissions)
    {
        NS_LOG_INFO("redirect " << c.pendingSequence << " of connection " << std::hex << id
                                << std::dec << " not acknowledged: failed");
        c.pendingSequence = 0;
        ++m_redirectsFailed;
        m_redirectFailedTrace(id,
                              c.pendingRequest.GetOldAddress(),
                              c.pendingRequest.GetNewAddress());
        return;
    }
    ++c.redirectAttempts;
    ++m_redirectTransmissions;
    if (c.redirectAttempts == 1)
    {
        c.socket->AnnounceRedirect();
    }
    m_redirectSentTrace(id, c.pendingRequest);
    // To the peer's daemon at the address the connection knows for the peer.
    SendTo(ToPacket(c.pendingRequest), c.socket->GetPeerAddress(), m_port);
    c.redirectEvent = Simulator::Schedule(RetransmissionDelay(c.redirectAttempts),
                                          &RedirectDaemon::TransmitRedirect,
                                          this,
                                          id);
}

void
RedirectDaemon::HandleAck(Ptr<Packet> packet, Ipv4Address from)
{
    RedirectAckHeader ack;
    if (packet->PeekHeader(ack) == 0 || !ack.IsWellFormed())
    {
        Reject(MobilityControlHeader::REDIRECT_ACK, RelocatableTcpSocket::MALFORMED);
        return;
    }
    auto it = m_connections.find(ack.GetToken());
    if (it == m_connections.end())
    {
        Reject(MobilityControlHeader::REDIRECT_ACK, RelocatableTcpSocket::WRONG_TOKEN);
        return;
    }
    Connection& c = it->second;
    if (c.state != PREPARED)
    {
        Reject(MobilityControlHeader::REDIRECT_ACK, RelocatableTcpSocket::NOT_ACTIVE, c.socket);
        return;
    }
    if (c.pendingSequence == 0 || ack.GetSequence() != c.pendingSequence)
    {
        Reject(MobilityControlHeader::REDIRECT_ACK,
               ack.GetSequence() <= c.confirmedSequence ? RelocatableTcpSocket::REPLAYED
                                                        : RelocatableTcpSocket::UNEXPECTED,
               c.socket);
        return;
    }
    if (ack.GetNewAddress() != c.pendingRequest.GetNewAddress() ||
        ack.GetNewPort() != c.socket->GetLocalPort() || from != c.socket->GetPeerAddress())
    {
        Reject(MobilityControlHeader::REDIRECT_ACK,
               RelocatableTcpSocket::ADDRESS_MISMATCH,
               c.socket);
        return;
    }
    Time delay;
    bool authentic = ack.CheckMac(CryptoAgent::GetOrCreate(GetNode()), c.secret, delay);
    Simulator::Schedule(delay,
                        &RedirectDaemon::AcceptAck,
                        this,
                        it->first,
                        ack.GetSequence(),
                        authentic);
}

void
RedirectDaemon::AcceptAck(uint64_t id, uint32_t sequence, bool authentic)
{
    auto it = m_connections.find(id);
    if (!m_running || it == m_connections.end())
    {
        return;
    }
    Connection& c = it->second;
    if (!authentic)
    {
        Reject(MobilityControlHeader::REDIRECT_ACK, RelocatableTcpSocket::BAD_SIGNATURE, c.socket);
        return;
    }
    if (c.pendingSequence != sequence)
    {
        return; // completed or replaced while the MAC was checked
    }
    c.redirectEvent.Cancel();
    c.pendingSequence = 0;
    c.confirmedSequence = sequence;
    c.knownToPeer = c.pendingRequest.GetNewAddress();
    ++m_redirectsConfirmed;
    NS_LOG_INFO("redirect " << sequence << " of connection " << std::hex << id << std::dec
                            << " acknowledged");
    c.socket->ConfirmRedirect();
    m_redirectConfirmedTrace(id,
                             c.pendingRequest.GetOldAddress(),
                             c.pendingRequest.GetNewAddress());
    if (m_resetTimer)
    {
        c.socket->Resume();
    }
}

// ------------------------------------------------------------------------------------------
// Redirect: the peer

void
RedirectDaemon::HandleRequest(Ptr<Packet> packet, Ipv4Address from, uint16_t fromPort)
{
    RedirectRequestHeader request;
    if (packet->PeekHeader(request) == 0 || !request.IsWellFormed())
    {
        Reject(MobilityControlHeader::REDIRECT_REQUEST, RelocatableTcpSocket::MALFORMED);
        return;
    }
    const uint64_t id = request.GetToken();
    auto it = m_connections.find(id);
    if (it == m_connections.end() || !it->second.socket->IsAlive())
    {
        Reject(MobilityControlHeader::REDIRECT_REQUEST, RelocatableTcpSocket::WRONG_TOKEN);
        return;
    }
    Connection& c = it->second;
    if (c.state != PREPARED)
    {
        Reject(MobilityControlHeader::REDIRECT_REQUEST, RelocatableTcpSocket::NOT_ACTIVE, c.socket);
        return;
    }
    std::vector<uint8_t> bytes = MobilityControlHeader::PeekRawBytes(packet, request);
    if (request.GetSequence() <= c.acceptedSequence)
    {
        if (request.GetSequence() == c.acceptedSequence && bytes == c.lastAccepted &&
            from == request.GetNewAddress())
        {
            // A retransmission: our acknowledgement was lost (or is not ready yet).
            if (c.lastAck)
            {
                SendTo(c.lastAck->Copy(), from, fromPort);
            }
            return;
        }
        Reject(MobilityControlHeader::REDIRECT_REQUEST, RelocatableTcpSocket::REPLAYED, c.socket);
        return;
    }
    if (request.GetSequence() == c.verifyingSequence)
    {
        return; // already being checked
    }
    if (request.GetOldAddress() != c.socket->GetPeerAddress() || from != request.GetNewAddress())
    {
        Reject(MobilityControlHeader::REDIRECT_REQUEST,
               RelocatableTcpSocket::ADDRESS_MISMATCH,
               c.socket);
        return;
    }
    Time delay;
    bool authentic = request.CheckMac(CryptoAgent::GetOrCreate(GetNode()), c.secret, delay);
    c.verifyingSequence = request.GetSequence();
    Simulator::Schedule(delay,
                        &RedirectDaemon::AcceptRequest,
                        this,
                        id,
                        request,
                        bytes,
                        authentic,
                        from,
                        fromPort);
}

void
RedirectDaemon::AcceptRequest(uint64_t id,
                              RedirectRequestHeader request,
                              std::vector<uint8_t> bytes,
                              bool authentic,
                              Ipv4Address from,
                              uint16_t fromPort)
{
    auto it = m_connections.find(id);
    if (!m_running || it == m_connections.end())
    {
        return;
    }
    Connection& c = it->second;
    if (c.verifyingSequence == request.GetSequence())
    {
        c.verifyingSequence = 0;
    }
    if (!authentic)
    {
        Reject(MobilityControlHeader::REDIRECT_REQUEST,
               RelocatableTcpSocket::BAD_SIGNATURE,
               c.socket);
        return;
    }
    if (request.GetSequence() <= c.acceptedSequence)
    {
        Reject(MobilityControlHeader::REDIRECT_REQUEST, RelocatableTcpSocket::REPLAYED, c.socket);
        return;
    }
    if (request.GetOldAddress() != c.socket->GetPeerAddress() ||
        c.socket->RedirectDestination(request.GetNewAddress(), request.GetNewPort()) != 0)
    {
        Reject(MobilityControlHeader::REDIRECT_REQUEST,
               RelocatableTcpSocket::ADDRESS_MISMATCH,
               c.socket);
        return;
    }
    c.acceptedSequence = request.GetSequence();
    c.lastAccepted = bytes;
    ++m_redirectsAccepted;
    NS_LOG_INFO("connection " << std::hex << id << std::dec << ": peer moved from "
                              << request.GetOldAddress() << " to " << request.GetNewAddress());
    m_redirectAcceptedTrace(id, request.GetOldAddress(), request.GetNewAddress());

    RedirectAckHeader ack;
    ack.SetToken(id);
    ack.SetSequence(request.GetSequence());
    ack.SetNewAddress(request.GetNewAddress());
    ack.SetNewPort(request.GetNewPort());
    Time delay = ack.Authenticate(CryptoAgent::GetOrCreate(GetNode()), c.secret);
    c.lastAck = nullptr; // until it is ready
    Simulator::Schedule(delay, &RedirectDaemon::SendAck, this, id, ack, from, fromPort);
}

void
RedirectDaemon::SendAck(uint64_t id, RedirectAckHeader ack, Ipv4Address to, uint16_t toPort)
{
    auto it = m_connections.find(id);
    if (!m_running || it == m_connections.end())
    {
        return;
    }
    Connection& c = it->second;
    if (ack.GetSequence() != c.acceptedSequence)
    {
        return; // a newer redirect was accepted meanwhile
    }
    c.lastAck = ToPacket(ack);
    SendTo(c.lastAck->Copy(), to, toPort);
    // The answer leaves first, then this end sends on the new path.
    if (m_resetTimer)
    {
        c.socket->Resume();
    }
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
                   RelocatableTcpSocket::MALFORMED);
            continue;
        }
        switch (type)
        {
        case MobilityControlHeader::KEY_SHARE:
            HandleKeyShare(packet, from.GetIpv4(), from.GetPort());
            break;
        case MobilityControlHeader::REDIRECT_REQUEST:
            HandleRequest(packet, from.GetIpv4(), from.GetPort());
            break;
        case MobilityControlHeader::REDIRECT_ACK:
            HandleAck(packet, from.GetIpv4());
            break;
        default:
            // Not a daemon message (MobiSocket's messages travel in TCP).
            Reject(type, RelocatableTcpSocket::MALFORMED);
            break;
        }
    }
}

} // namespace ns3
