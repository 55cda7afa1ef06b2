/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mobile-dhcp-client.h"

#include "ns3-compat.h"

#include "ns3/abort.h"
#include "ns3/arp-cache.h"
#include "ns3/arp-header.h"
#include "ns3/arp-l3-protocol.h"
#include "ns3/boolean.h"
#include "ns3/dhcp-header.h"
#include "ns3/double.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-interface.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv4-routing-table-entry.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cstring>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MobileDhcpClient");

NS_OBJECT_ENSURE_REGISTERED(MobileDhcpClient);

namespace
{

constexpr uint16_t SERVER_PORT = 67; //!< DHCP server port
constexpr uint16_t CLIENT_PORT = 68; //!< DHCP client port

/// Most leases remembered for DNAv4 (the oldest is forgotten first).
constexpr std::size_t MAX_REMEMBERED = 16;

/// The shortest retransmission delay, whatever the jitter draws.
const Time MIN_RETRANSMIT_DELAY = MilliSeconds(10);

/// RFC 2131 section 4.4.5: RENEWING / REBINDING retransmissions no sooner than this.
const Time MIN_REFRESH_DELAY = Seconds(60);

/**
 * \brief Put the client hardware address in a message.
 * \param header the message
 * \param chaddr the 16-byte chaddr field
 */
void
SetHeaderChaddr(DhcpHeader& header, const std::array<uint8_t, 16>& chaddr)
{
#if MOBISOCKET_NS3_VERSION >= 347
    header.SetChaddr(chaddr); // DhcpChaddr, a std::array, since ns-3.47
#else
    std::array<uint8_t, 16> copy = chaddr;
    header.SetChaddr(copy.data(), 16);
#endif
}

/**
 * \param header a message received
 * \param chaddr the client's 16-byte chaddr field
 * \return whether the message is for this client hardware address
 */
bool
HeaderChaddrIs(DhcpHeader& header, const std::array<uint8_t, 16>& chaddr)
{
#if MOBISOCKET_NS3_VERSION >= 347
    return header.GetChaddr() == chaddr;
#else
    uint8_t buffer[Address::MAX_SIZE] = {};
    uint32_t length = header.GetChaddr().CopyTo(buffer);
    return length == 16 && std::equal(chaddr.begin(), chaddr.end(), buffer);
#endif
}

/**
 * \param state a state
 * \return whether a REQUEST of this state waits for an ACK or NAK
 */
bool
IsRequestState(MobileDhcpClient::State state)
{
    return state == MobileDhcpClient::REQUESTING || state == MobileDhcpClient::REBOOTING ||
           state == MobileDhcpClient::RENEWING || state == MobileDhcpClient::REBINDING;
}

} // namespace

TypeId
MobileDhcpClient::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::MobileDhcpClient")
            .SetParent<Application>()
            .SetGroupName("Mobisocket")
            .AddConstructor<MobileDhcpClient>()
            .AddAttribute("InitialRetransmit",
                          "Delay before the first retransmission of a DISCOVER or REQUEST "
                          "(RFC 2131 section 4.1: 4 s); it doubles at each retransmission.",
                          TimeValue(Seconds(4)),
                          MakeTimeAccessor(&MobileDhcpClient::m_initialRetransmit),
                          MakeTimeChecker())
            .AddAttribute("MaxRetransmit",
                          "Largest retransmission delay before jitter (RFC 2131: 64 s); "
                          "must not be below InitialRetransmit.",
                          TimeValue(Seconds(64)),
                          MakeTimeAccessor(&MobileDhcpClient::m_maxRetransmit),
                          MakeTimeChecker())
            .AddAttribute("RetransmitJitter",
                          "Each retransmission delay is randomized by a uniform draw in "
                          "[-RetransmitJitter, +RetransmitJitter] (RFC 2131: 1 s); the delay "
                          "is never below 10 ms.",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&MobileDhcpClient::m_jitter),
                          MakeTimeChecker())
            .AddAttribute("RetransmitJitterShare",
                          "A further randomization of each retransmission delay in proportion "
                          "to it: the draw is in [-(J + s*d), +(J + s*d)] for RetransmitJitter "
                          "J, this share s and the delay d before jitter (RFC 2131: 0; "
                          "Android's DhcpClient: 0.1 with J = 0). Must be in [0, 1).",
                          DoubleValue(0),
                          MakeDoubleAccessor(&MobileDhcpClient::m_jitterShare),
                          MakeDoubleChecker<double>())
            .AddAttribute("RequestRetransmissions",
                          "Retransmissions of an unanswered REQUEST before going back to INIT.",
                          UintegerValue(4),
                          MakeUintegerAccessor(&MobileDhcpClient::m_requestRetransmissions),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("Collect",
                          "How long to wait for more offers after the first (0: take the "
                          "first at once, as dhclient and dhcpcd do; ns-3's DhcpClient: 5 s). "
                          "The first offer is taken either way.",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&MobileDhcpClient::m_collect),
                          MakeTimeChecker())
            .AddAttribute("Dnav4",
                          "On link up, test the remembered networks with unicast ARP Requests "
                          "to their gateways, in parallel with DHCP (RFC 4436).",
                          BooleanValue(false),
                          MakeBooleanAccessor(&MobileDhcpClient::m_dnav4),
                          MakeBooleanChecker())
            .AddAttribute("Dnav4Timeout",
                          "How long after link up a gateway's ARP Reply may still reinstate "
                          "its remembered lease. DHCP runs in parallel (RFC 4436 section 1.1), "
                          "so this never delays it; 1 s covers ARP answer times (measured p99: "
                          "260 ms) with a margin.",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&MobileDhcpClient::m_dnav4Timeout),
                          MakeTimeChecker())
            .AddTraceSource("NewLease",
                            "A new address was leased (as ns-3's DhcpClient::NewLease).",
                            MakeTraceSourceAccessor(&MobileDhcpClient::m_newLease),
                            "ns3::Ipv4Address::TracedCallback")
            .AddTraceSource("ExpireLease",
                            "A leased address was withdrawn: expiry, NAK, or replaced by a new "
                            "lease (as ns-3's DhcpClient::ExpireLease; not on link down).",
                            MakeTraceSourceAccessor(&MobileDhcpClient::m_expireLease),
                            "ns3::Ipv4Address::TracedCallback")
            .AddTraceSource("LeaseReused",
                            "DNAv4 reinstated a remembered lease (after NewLease).",
                            MakeTraceSourceAccessor(&MobileDhcpClient::m_leaseReused),
                            "ns3::Ipv4Address::TracedCallback")
            .AddTraceSource("MessageSent",
                            "A DHCP message was sent: its type (DhcpHeader::Messages) and the "
                            "attempt number (0: first transmission).",
                            MakeTraceSourceAccessor(&MobileDhcpClient::m_messageSent),
                            "ns3::MobileDhcpClient::MessageSentCallback");
    return tid;
}

Time
MobileDhcpClient::Lease::Expiry() const
{
    return obtained + lifetime;
}

MobileDhcpClient::MobileDhcpClient()
    : m_xidRng(CreateObject<UniformRandomVariable>()),
      m_jitterRng(CreateObject<UniformRandomVariable>())
{
    NS_LOG_FUNCTION(this);
}

MobileDhcpClient::MobileDhcpClient(Ptr<NetDevice> device)
    : MobileDhcpClient()
{
    NS_LOG_FUNCTION(this << device);
    m_device = device;
}

MobileDhcpClient::~MobileDhcpClient()
{
    NS_LOG_FUNCTION(this);
}

void
MobileDhcpClient::SetDevice(Ptr<NetDevice> device)
{
    NS_LOG_FUNCTION(this << device);
    m_device = device;
}

Ptr<NetDevice>
MobileDhcpClient::GetDevice() const
{
    return m_device;
}

Ipv4Address
MobileDhcpClient::GetAddress() const
{
    return m_address;
}

Ipv4Address
MobileDhcpClient::GetGateway() const
{
    return m_address == Ipv4Address::GetAny() ? Ipv4Address::GetAny() : m_lease.gateway;
}

Ipv4Address
MobileDhcpClient::GetServer() const
{
    return m_address == Ipv4Address::GetAny() ? Ipv4Address::GetAny() : m_lease.server;
}

MobileDhcpClient::State
MobileDhcpClient::GetState() const
{
    return m_state;
}

std::size_t
MobileDhcpClient::GetRememberedLeaseCount() const
{
    return m_remembered.size();
}

int64_t
MobileDhcpClient::AssignStreams(int64_t stream)
{
    NS_LOG_FUNCTION(this << stream);
    m_xidRng->SetStream(stream);
    m_jitterRng->SetStream(stream + 1);
    int64_t used = 2;
#if MOBISOCKET_NS3_VERSION >= 342
    used += Application::AssignStreams(stream + used);
#endif
    return used;
}

void
MobileDhcpClient::DoDispose()
{
    NS_LOG_FUNCTION(this);
    CancelExchange();
    CancelLeaseTimers();
    StopProbes();
    if (m_arpHandlerRegistered && GetNode())
    {
        GetNode()->UnregisterProtocolHandler(m_arpHandler);
    }
    m_arpHandlerRegistered = false;
    m_arpHandler = Node::ProtocolHandler();
    if (m_socket)
    {
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_socket = nullptr;
    }
    m_running = false;
    m_device = nullptr;
    m_remembered.clear();
    Application::DoDispose();
}

void
MobileDhcpClient::CheckConfiguration() const
{
    NS_ABORT_MSG_IF(!m_device,
                    "MobileDhcpClient: no NetDevice; give one to the constructor or SetDevice()");
    NS_ABORT_MSG_IF(m_device->GetNode() != GetNode(),
                    "MobileDhcpClient: the device is not on the client's node");
    Ptr<Ipv4> ipv4 = GetNode()->GetObject<Ipv4>();
    NS_ABORT_MSG_IF(!ipv4, "MobileDhcpClient: the node has no IPv4 stack (InternetStackHelper)");
    NS_ABORT_MSG_IF(ipv4->GetInterfaceForDevice(m_device) < 0,
                    "MobileDhcpClient: the device is not on the node's IPv4 (no interface; "
                    "Ipv4::AddInterface, as DhcpHelper::InstallDhcpClient does)");
    NS_ABORT_MSG_IF(m_device->GetAddress().GetLength() > 16,
                    "MobileDhcpClient: the device's address does not fit chaddr (16 bytes)");
    NS_ABORT_MSG_IF(m_initialRetransmit <= Time(0),
                    "MobileDhcpClient: InitialRetransmit must be positive");
    NS_ABORT_MSG_IF(m_maxRetransmit < m_initialRetransmit,
                    "MobileDhcpClient: MaxRetransmit (" << m_maxRetransmit.As(Time::S)
                                                        << ") < InitialRetransmit ("
                                                        << m_initialRetransmit.As(Time::S) << ")");
    NS_ABORT_MSG_IF(m_jitter < Time(0), "MobileDhcpClient: RetransmitJitter must not be negative");
    NS_ABORT_MSG_IF(!(m_jitterShare >= 0 && m_jitterShare < 1),
                    "MobileDhcpClient: RetransmitJitterShare (" << m_jitterShare
                                                                << ") must be in [0, 1)");
    NS_ABORT_MSG_IF(m_collect < Time(0), "MobileDhcpClient: Collect must not be negative");
    NS_ABORT_MSG_IF(m_dnav4 && m_dnav4Timeout <= Time(0),
                    "MobileDhcpClient: Dnav4Timeout must be positive");
}

uint32_t
MobileDhcpClient::GetInterface() const
{
    return static_cast<uint32_t>(GetNode()->GetObject<Ipv4>()->GetInterfaceForDevice(m_device));
}

void
MobileDhcpClient::SetChaddr()
{
    uint8_t buffer[Address::MAX_SIZE] = {};
    uint32_t length = m_device->GetAddress().CopyTo(buffer);
    m_chaddr.fill(0);
    std::memcpy(m_chaddr.data(), buffer, std::min<uint32_t>(length, 16));
}

void
MobileDhcpClient::OpenSocket()
{
    if (m_socket)
    {
        return;
    }
    m_socket = Socket::CreateSocket(GetNode(), TypeId::LookupByName("ns3::UdpSocketFactory"));
    m_socket->SetAllowBroadcast(true);
    m_socket->BindToNetDevice(m_device);
    m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), CLIENT_PORT));
    m_socket->SetRecvCallback(MakeCallback(&MobileDhcpClient::Receive, this));
}

void
MobileDhcpClient::RegisterCallbacks()
{
    if (!m_callbacksRegistered)
    {
        m_device->AddLinkChangeCallback(MakeCallback(&MobileDhcpClient::LinkStateHandler, this));
        m_callbacksRegistered = true;
    }
    if (m_dnav4 && !m_arpHandlerRegistered)
    {
        // Node calls every handler of the protocol and device: ArpL3Protocol's too.
        m_arpHandler = MakeCallback(&MobileDhcpClient::ReceiveArp, this);
        GetNode()->RegisterProtocolHandler(m_arpHandler,
                                           ArpL3Protocol::PROT_NUMBER,
                                           m_device,
                                           false);
        m_arpHandlerRegistered = true;
    }
}

void
MobileDhcpClient::StartApplication()
{
    NS_LOG_FUNCTION(this);
    CheckConfiguration();
    SetChaddr();
    OpenSocket();
    RegisterCallbacks();
    m_running = true;
    EnsureUnspecifiedAddress();
    Attach();
}

void
MobileDhcpClient::StopApplication()
{
    NS_LOG_FUNCTION(this);
    m_running = false;
    CancelExchange();
    CancelLeaseTimers();
    StopProbes();
    if (m_address != Ipv4Address::GetAny())
    {
        RemoveDefaultRoutes(m_lease.gateway);
        RemoveInterfaceAddress(m_address);
        m_address = Ipv4Address::GetAny();
    }
    if (m_socket)
    {
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_socket->Close();
        m_socket = nullptr;
    }
    m_state = STOPPED;
}

void
MobileDhcpClient::EnsureUnspecifiedAddress()
{
    if (m_address != Ipv4Address::GetAny())
    {
        return;
    }
    Ptr<Ipv4> ipv4 = GetNode()->GetObject<Ipv4>();
    uint32_t interface = GetInterface();
    for (uint32_t i = 0; i < ipv4->GetNAddresses(interface); i++)
    {
        if (ipv4->GetAddress(interface, i).GetLocal() == Ipv4Address::GetAny())
        {
            return;
        }
    }
    ipv4->AddAddress(interface, Ipv4InterfaceAddress(Ipv4Address::GetAny(), Ipv4Mask("/0")));
}

void
MobileDhcpClient::Attach()
{
    if (m_dnav4)
    {
        StartProbes();
    }
    EnterInit();
}

void
MobileDhcpClient::LinkStateHandler()
{
    if (!m_running || !m_device)
    {
        return;
    }
    if (!m_device->IsLinkUp())
    {
        LinkDown();
        return;
    }
    NS_LOG_INFO("link up at " << Simulator::Now().As(Time::S));
    if (m_address != Ipv4Address::GetAny())
    {
        // Up again without a down: keep the address (and its expiry) until a new ACK.
        m_renewEvent.Cancel();
        m_rebindEvent.Cancel();
    }
    EnsureUnspecifiedAddress();
    Attach();
}

void
MobileDhcpClient::LinkDown()
{
    NS_LOG_INFO("link down at " << Simulator::Now().As(Time::S));
    CancelExchange();
    CancelLeaseTimers();
    StopProbes();
    m_resolvingGateway = false;
    if (m_address != Ipv4Address::GetAny())
    {
        if (m_dnav4 && !m_lease.gatewayMacKnown)
        {
            LookUpGatewayMac();
        }
        RemoveDefaultRoutes(m_lease.gateway);
    }
    // As ns-3's DhcpClient: the leased address, or else the 0.0.0.0 placeholder.
    RemoveInterfaceAddress(m_address);
    m_address = Ipv4Address::GetAny();
    m_lease = Lease();
    m_state = LINK_DOWN;
}

void
MobileDhcpClient::EnterInit()
{
    CancelExchange();
    m_state = SELECTING;
    m_xid = NewXid();
    m_attempt = 0;
    SendDiscover();
}

void
MobileDhcpClient::SendDiscover()
{
    DhcpHeader header;
    FillHeader(header, DhcpHeader::DHCPDISCOVER);
    Send(header, Ipv4Address::GetBroadcast(), m_attempt);
    m_retransmitEvent = Simulator::Schedule(RetransmitDelay(m_attempt),
                                            &MobileDhcpClient::RetransmitDiscover,
                                            this);
}

void
MobileDhcpClient::RetransmitDiscover()
{
    m_attempt++;
    SendDiscover();
}

void
MobileDhcpClient::SendRequest()
{
    DhcpHeader header;
    FillHeader(header, DhcpHeader::DHCPREQ);
    Ipv4Address destination = Ipv4Address::GetBroadcast();
    if (m_state == REQUESTING)
    {
        header.SetReq(m_offer.address);
        if (m_offer.server != Ipv4Address::GetAny())
        {
            header.SetDhcps(m_offer.server); // server identifier (SELECTING only)
        }
    }
    else
    {
        header.SetReq(m_lease.address); // ns-3's DhcpServer ignores a REQUEST without it
        if (m_state == RENEWING && m_lease.server != Ipv4Address::GetAny())
        {
            destination = m_lease.server;
        }
    }
    Send(header, destination, m_attempt);
    ScheduleRequestRetransmission();
}

void
MobileDhcpClient::RetransmitRequest()
{
    m_attempt++;
    SendRequest();
}

void
MobileDhcpClient::ScheduleRequestRetransmission()
{
    if (m_state == REQUESTING || m_state == REBOOTING)
    {
        Time delay = RetransmitDelay(m_attempt);
        if (m_attempt < m_requestRetransmissions)
        {
            m_retransmitEvent =
                Simulator::Schedule(delay, &MobileDhcpClient::RetransmitRequest, this);
        }
        else
        {
            m_retransmitEvent = Simulator::Schedule(delay, &MobileDhcpClient::RequestGaveUp, this);
        }
        return;
    }
    Time deadline = m_state == RENEWING ? m_lease.obtained + m_lease.rebind : m_lease.Expiry();
    Time delay = RefreshRetransmitDelay(deadline);
    if (delay.IsStrictlyPositive())
    {
        m_retransmitEvent = Simulator::Schedule(delay, &MobileDhcpClient::RetransmitRequest, this);
    }
}

Time
MobileDhcpClient::RefreshRetransmitDelay(Time deadline) const
{
    Time left = deadline - Simulator::Now();
    Time delay = std::max(Seconds(left.GetSeconds() / 2), MIN_REFRESH_DELAY);
    return delay < left ? delay : Time(0);
}

void
MobileDhcpClient::RequestGaveUp()
{
    if (m_state == REBOOTING)
    {
        // RFC 2131 3.2: the client may keep the address for the rest of its lease.
        NS_LOG_INFO("no answer to the INIT-REBOOT REQUEST: keeping " << m_address);
        m_state = BOUND;
        if (!IsEventPending(m_renewEvent) && IsEventPending(m_rebindEvent))
        {
            StartRenewing();
        }
        else if (!IsEventPending(m_renewEvent) && !IsEventPending(m_rebindEvent))
        {
            StartRebinding();
        }
        return;
    }
    NS_LOG_INFO("no answer after " << m_requestRetransmissions
                                   << " REQUEST retransmissions: back to INIT");
    EnterInit();
}

void
MobileDhcpClient::FillHeader(DhcpHeader& header, uint8_t type) const
{
    header.ResetOpt();
    header.SetType(type);
    header.SetTran(m_xid);
    header.SetTime();
    SetHeaderChaddr(header, m_chaddr);
}

void
MobileDhcpClient::Send(DhcpHeader& header, Ipv4Address destination, uint32_t attempt)
{
    Ptr<Packet> packet = Create<Packet>();
    packet->AddHeader(header);
    if (m_socket->SendTo(packet, 0, InetSocketAddress(destination, SERVER_PORT)) < 0)
    {
        NS_LOG_WARN("could not send a DHCP message of type " << +header.GetType() << " to "
                                                             << destination);
        return;
    }
    NS_LOG_INFO("sent type " << +header.GetType() << " attempt " << attempt << " to "
                             << destination);
    m_messageSent(header.GetType(), attempt);
}

Time
MobileDhcpClient::RetransmitDelay(uint32_t attempt)
{
    Time base = m_initialRetransmit;
    for (uint32_t i = 0; i < attempt && base < m_maxRetransmit; i++)
    {
        base = base + base;
    }
    base = std::min(base, m_maxRetransmit);
    double jitter = m_jitter.GetSeconds() + m_jitterShare * base.GetSeconds();
    if (jitter > 0)
    {
        base = base + Seconds(m_jitterRng->GetValue(-jitter, jitter));
    }
    return std::max(base, MIN_RETRANSMIT_DELAY);
}

uint32_t
MobileDhcpClient::NewXid()
{
    return static_cast<uint32_t>(m_xidRng->GetValue(0.0, 4294967295.0));
}

void
MobileDhcpClient::CancelExchange()
{
    m_retransmitEvent.Cancel();
    m_collectEvent.Cancel();
    m_haveOffer = false;
}

void
MobileDhcpClient::Receive(Ptr<Socket> socket)
{
    Address from;
    Ptr<Packet> packet;
    while ((packet = socket->RecvFrom(from)))
    {
        DhcpHeader header;
        if (packet->RemoveHeader(header) == 0)
        {
            continue;
        }
        if (!HeaderChaddrIs(header, m_chaddr) || header.GetTran() != m_xid)
        {
            continue; // another client's, or an earlier exchange's
        }
        Dispatch(header, from);
    }
}

void
MobileDhcpClient::Dispatch(DhcpHeader& header, const Address& from)
{
    switch (header.GetType())
    {
    case DhcpHeader::DHCPOFFER:
        HandleOffer(header);
        break;
    case DhcpHeader::DHCPACK:
        HandleAck(header, from);
        break;
    case DhcpHeader::DHCPNACK:
        HandleNak();
        break;
    default:
        break;
    }
}

void
MobileDhcpClient::HandleOffer(DhcpHeader& header)
{
    if (m_state != SELECTING || m_haveOffer)
    {
        return;
    }
    NS_LOG_INFO("offer of " << header.GetYiaddr());
    m_retransmitEvent.Cancel();
    m_haveOffer = true;
    ReadOffer(header);
    if (m_collect.IsStrictlyPositive())
    {
        m_collectEvent = Simulator::Schedule(m_collect, &MobileDhcpClient::SelectOffer, this);
        return;
    }
    SelectOffer();
}

void
MobileDhcpClient::ReadOffer(DhcpHeader& header)
{
    m_offer = Lease();
    m_offer.address = header.GetYiaddr();
    m_offer.mask = Ipv4Mask(header.GetMask());
    m_offer.gateway = header.GetRouter();
    m_offer.server = header.GetDhcps();
    m_offer.lifetime = Seconds(header.GetLease());
    m_offer.renew = Seconds(header.GetRenew());
    m_offer.rebind = Seconds(header.GetRebind());
    // RFC 2131 4.4.5 defaults for times that make no sense: T1 = 0.5, T2 = 0.875 of the lease.
    if (!m_offer.renew.IsStrictlyPositive() || m_offer.renew >= m_offer.lifetime)
    {
        m_offer.renew = Seconds(m_offer.lifetime.GetSeconds() * 0.5);
    }
    if (m_offer.rebind <= m_offer.renew || m_offer.rebind >= m_offer.lifetime)
    {
        m_offer.rebind = Seconds(m_offer.lifetime.GetSeconds() * 0.875);
    }
}

void
MobileDhcpClient::SelectOffer()
{
    m_haveOffer = false;
    m_state = REQUESTING;
    m_attempt = 0;
    SendRequest();
}

void
MobileDhcpClient::HandleAck(DhcpHeader& header, const Address& from)
{
    if (m_state == REQUESTING)
    {
        Lease lease = m_offer;
        if (lease.gateway == Ipv4Address::GetAny())
        {
            lease.gateway = InetSocketAddress::ConvertFrom(from).GetIpv4();
        }
        lease.obtained = Simulator::Now();
        NS_LOG_INFO("ACK: bound to " << lease.address << " via " << lease.gateway);
        CancelExchange();
        StopProbes();
        InstallLease(lease);
        return;
    }
    if (m_state == REBOOTING || m_state == RENEWING || m_state == REBINDING)
    {
        NS_LOG_INFO("ACK: lease of " << m_address << " extended");
        CancelExchange();
        CancelLeaseTimers();
        m_lease.obtained = Simulator::Now();
        m_state = BOUND;
        ScheduleLeaseTimers();
        RememberLease();
    }
}

void
MobileDhcpClient::HandleNak()
{
    if (!IsRequestState(m_state))
    {
        return;
    }
    NS_LOG_INFO("NAK: back to INIT");
    CancelExchange();
    if (m_address != Ipv4Address::GetAny())
    {
        ForgetLease();
        WithdrawLease(true);
    }
    EnsureUnspecifiedAddress();
    EnterInit();
}

void
MobileDhcpClient::InstallLease(const Lease& lease)
{
    Ipv4Address old = m_address;
    CancelLeaseTimers();
    ReplaceAddress(lease);
    if (old != Ipv4Address::GetAny())
    {
        RemoveDefaultRoutes(m_lease.gateway);
    }
    RemoveDefaultRoutes(lease.gateway);
    Ptr<Ipv4> ipv4 = GetNode()->GetObject<Ipv4>();
    Ptr<Ipv4StaticRouting> routing = Ipv4StaticRoutingHelper().GetStaticRouting(ipv4);
    if (routing)
    {
        routing->SetDefaultRoute(lease.gateway, GetInterface(), 0);
    }
    m_lease = lease;
    m_address = lease.address;
    m_state = BOUND;
    ScheduleLeaseTimers();
    RememberLease();
    LearnGatewayMac();
    if (old != lease.address)
    {
        m_newLease(lease.address); // then ExpireLease of the one replaced, as ns-3 does
        if (old != Ipv4Address::GetAny())
        {
            m_expireLease(old);
        }
    }
}

void
MobileDhcpClient::ReplaceAddress(const Lease& lease)
{
    Ptr<Ipv4> ipv4 = GetNode()->GetObject<Ipv4>();
    uint32_t interface = GetInterface();
    if (m_address != lease.address)
    {
        RemoveInterfaceAddress(m_address); // the held address, or the 0.0.0.0 placeholder
        ipv4->AddAddress(interface, Ipv4InterfaceAddress(lease.address, lease.mask));
    }
    ipv4->SetUp(interface);
}

void
MobileDhcpClient::RemoveInterfaceAddress(Ipv4Address address)
{
    Ptr<Ipv4> ipv4 = GetNode()->GetObject<Ipv4>();
    uint32_t interface = GetInterface();
    for (uint32_t i = 0; i < ipv4->GetNAddresses(interface); i++)
    {
        if (ipv4->GetAddress(interface, i).GetLocal() == address)
        {
            ipv4->RemoveAddress(interface, i);
            return;
        }
    }
}

void
MobileDhcpClient::RemoveDefaultRoutes(Ipv4Address gateway)
{
    if (gateway == Ipv4Address::GetAny())
    {
        return;
    }
    Ptr<Ipv4> ipv4 = GetNode()->GetObject<Ipv4>();
    Ptr<Ipv4StaticRouting> routing = Ipv4StaticRoutingHelper().GetStaticRouting(ipv4);
    if (!routing)
    {
        return;
    }
    uint32_t interface = GetInterface();
    for (uint32_t i = routing->GetNRoutes(); i-- > 0;)
    {
        Ipv4RoutingTableEntry route = routing->GetRoute(i);
        if (route.GetDest() == Ipv4Address::GetAny() &&
            route.GetDestNetworkMask() == Ipv4Mask::GetZero() && route.GetGateway() == gateway &&
            route.GetInterface() == interface)
        {
            routing->RemoveRoute(i);
        }
    }
}

void
MobileDhcpClient::WithdrawLease(bool notify)
{
    CancelLeaseTimers();
    if (m_address == Ipv4Address::GetAny())
    {
        return;
    }
    Ipv4Address old = m_address;
    RemoveInterfaceAddress(old);
    RemoveDefaultRoutes(m_lease.gateway);
    m_address = Ipv4Address::GetAny();
    m_lease = Lease();
    m_resolvingGateway = false;
    if (notify)
    {
        m_expireLease(old);
    }
}

void
MobileDhcpClient::ScheduleLeaseTimers()
{
    Time now = Simulator::Now();
    Time expiry = m_lease.Expiry() - now;
    if (!expiry.IsStrictlyPositive())
    {
        m_expiryEvent = Simulator::ScheduleNow(&MobileDhcpClient::LeaseExpired, this);
        return;
    }
    Time renew = m_lease.obtained + m_lease.renew - now;
    Time rebind = m_lease.obtained + m_lease.rebind - now;
    if (renew.IsStrictlyPositive())
    {
        m_renewEvent = Simulator::Schedule(renew, &MobileDhcpClient::StartRenewing, this);
    }
    if (rebind.IsStrictlyPositive())
    {
        m_rebindEvent = Simulator::Schedule(rebind, &MobileDhcpClient::StartRebinding, this);
    }
    m_expiryEvent = Simulator::Schedule(expiry, &MobileDhcpClient::LeaseExpired, this);
}

void
MobileDhcpClient::CancelLeaseTimers()
{
    m_renewEvent.Cancel();
    m_rebindEvent.Cancel();
    m_expiryEvent.Cancel();
}

void
MobileDhcpClient::StartRenewing()
{
    NS_LOG_INFO("T1: renewing " << m_address);
    CancelExchange();
    m_state = RENEWING;
    m_xid = NewXid();
    m_attempt = 0;
    SendRequest();
}

void
MobileDhcpClient::StartRebinding()
{
    NS_LOG_INFO("T2: rebinding " << m_address);
    CancelExchange();
    m_state = REBINDING;
    m_xid = NewXid();
    m_attempt = 0;
    SendRequest();
}

void
MobileDhcpClient::LeaseExpired()
{
    NS_LOG_INFO("lease of " << m_address << " expired");
    CancelExchange();
    ForgetLease();
    WithdrawLease(true);
    EnsureUnspecifiedAddress();
    EnterInit();
}

MobileDhcpClient::Lease*
MobileDhcpClient::FindRemembered()
{
    Ipv4Address network = m_lease.address.CombineMask(m_lease.mask);
    for (Lease& entry : m_remembered)
    {
        if (entry.gateway == m_lease.gateway && entry.address.CombineMask(entry.mask) == network)
        {
            return &entry;
        }
    }
    return nullptr;
}

void
MobileDhcpClient::RememberLease()
{
    Lease* entry = FindRemembered();
    if (entry)
    {
        *entry = m_lease;
        return;
    }
    if (m_remembered.size() >= MAX_REMEMBERED)
    {
        m_remembered.erase(m_remembered.begin());
    }
    m_remembered.push_back(m_lease);
}

void
MobileDhcpClient::ForgetLease()
{
    Lease* entry = FindRemembered();
    if (entry)
    {
        m_remembered.erase(m_remembered.begin() + (entry - m_remembered.data()));
    }
}

void
MobileDhcpClient::SetGatewayMac(const Address& mac)
{
    NS_LOG_INFO("gateway " << m_lease.gateway << " is at " << mac);
    m_lease.gatewayMac = mac;
    m_lease.gatewayMacKnown = true;
    m_resolvingGateway = false;
    RememberLease();
}

void
MobileDhcpClient::LearnGatewayMac()
{
    if (!m_dnav4 || m_lease.gatewayMacKnown)
    {
        return;
    }
    LookUpGatewayMac();
    if (!m_lease.gatewayMacKnown)
    {
        m_resolvingGateway = true;
        SendArpRequest(m_address, m_lease.gateway, m_device->GetBroadcast());
    }
}

void
MobileDhcpClient::LookUpGatewayMac()
{
    Ptr<Ipv4L3Protocol> ipv4 = GetNode()->GetObject<Ipv4L3Protocol>();
    Ptr<Ipv4Interface> interface = ipv4 ? ipv4->GetInterface(GetInterface()) : nullptr;
    Ptr<ArpCache> cache = interface ? interface->GetArpCache() : nullptr;
    ArpCache::Entry* entry = cache ? cache->Lookup(m_lease.gateway) : nullptr;
    if (entry && (entry->IsAlive() || entry->IsPermanent()))
    {
        SetGatewayMac(entry->GetMacAddress());
    }
}

void
MobileDhcpClient::StartProbes()
{
    StopProbes();
    Time now = Simulator::Now();
    m_remembered.erase(std::remove_if(m_remembered.begin(),
                                      m_remembered.end(),
                                      [now](const Lease& l) { return l.Expiry() <= now; }),
                       m_remembered.end());
    for (const Lease& lease : m_remembered)
    {
        if (lease.gatewayMacKnown)
        {
            NS_LOG_INFO("DNAv4: is " << lease.gateway << " at " << lease.gatewayMac << "?");
            SendArpRequest(lease.address, lease.gateway, lease.gatewayMac);
            m_probing = true;
        }
    }
    if (m_probing)
    {
        m_probeEndEvent = Simulator::Schedule(m_dnav4Timeout, &MobileDhcpClient::StopProbes, this);
    }
}

void
MobileDhcpClient::StopProbes()
{
    m_probing = false;
    m_probeEndEvent.Cancel();
}

void
MobileDhcpClient::SendArpRequest(Ipv4Address senderIp,
                                 Ipv4Address targetIp,
                                 const Address& destination)
{
    ArpHeader arp;
    arp.SetRequest(m_device->GetAddress(), senderIp, destination, targetIp);
    Ptr<Packet> packet = Create<Packet>();
    packet->AddHeader(arp);
    m_device->Send(packet, destination, ArpL3Protocol::PROT_NUMBER);
}

void
MobileDhcpClient::ReceiveArp(Ptr<NetDevice> device,
                             Ptr<const Packet> packet,
                             uint16_t protocol,
                             const Address& from,
                             const Address& to,
                             NetDevice::PacketType packetType)
{
    if (!m_running || !m_device || (!m_probing && !m_resolvingGateway))
    {
        return;
    }
    Ptr<Packet> copy = packet->Copy(); // the node's ArpL3Protocol gets the same packet
    ArpHeader arp;
    if (copy->RemoveHeader(arp) == 0 || !arp.IsReply() ||
        arp.GetDestinationHardwareAddress() != m_device->GetAddress())
    {
        return;
    }
    Ipv4Address source = arp.GetSourceIpv4Address();
    Ipv4Address target = arp.GetDestinationIpv4Address();
    if (m_resolvingGateway && m_address != Ipv4Address::GetAny() && source == m_lease.gateway &&
        target == m_address)
    {
        SetGatewayMac(arp.GetSourceHardwareAddress());
        return;
    }
    if (m_probing)
    {
        HandleProbeReply(source, arp.GetSourceHardwareAddress(), target);
    }
}

void
MobileDhcpClient::HandleProbeReply(Ipv4Address sourceIp,
                                   const Address& sourceMac,
                                   Ipv4Address targetIp)
{
    if (m_state != SELECTING && m_state != REQUESTING)
    {
        return; // DHCP got there first, or the link went down
    }
    Time now = Simulator::Now();
    for (const Lease& lease : m_remembered)
    {
        if (lease.gatewayMacKnown && lease.gateway == sourceIp && lease.gatewayMac == sourceMac &&
            lease.address == targetIp && lease.Expiry() > now)
        {
            Reinstate(lease);
            return;
        }
    }
}

void
MobileDhcpClient::Reinstate(Lease lease)
{
    NS_LOG_INFO("DNAv4: back on the network of " << lease.gateway << ": reusing " << lease.address);
    StopProbes();
    CancelExchange();
    InstallLease(lease);
    m_leaseReused(lease.address);
    // Confirm in the background (INIT-REBOOT): requested address, no server identifier.
    m_state = REBOOTING;
    m_xid = NewXid();
    m_attempt = 0;
    SendRequest();
}

} // namespace ns3
