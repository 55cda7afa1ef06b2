/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mobisocket-test
 * MobileDhcpClient against ns-3's unmodified DhcpServer, on a shared link
 * (SimpleChannel, 1 ms one way, no serialization delay) whose frames the
 * test drops at will: RFC 2131 retransmission timing of DISCOVER and
 * REQUEST (backoff, jitter, cap, give-up), NAK, link down and up, DNAv4
 * (RFC 4436) on the same and on another network, reproducibility, and the
 * configurations the client refuses.
 *
 * The link: the client, network A (gateway GA 10.0.0.1, DHCP server SA
 * 10.0.0.2 with pool 10.0.0.10-20 and router GA), a "restarted" server SA2
 * (10.0.0.2 again, empty lease table) and network B (node B 10.1.0.1,
 * router and DHCP server of 10.1.0.10-20). A node that is not attached
 * neither sends nor receives, so which nodes are attached decides which
 * network the client is on. A DHCP exchange without loss takes 4 ms (four
 * one-way trips), an ARP round trip 2 ms.
 */

#define BOOST_TEST_MODULE dhcp_client
#include "mobisocket-test-support.h"

#include "ns3/dhcp-header.h"
#include "ns3/dhcp-server.h"
#include "ns3/drop-tail-queue.h"
#include "ns3/error-model.h"
#include "ns3/internet-apps-module.h"
#include "ns3/simple-channel.h"
#include "ns3/simple-net-device.h"

#include <algorithm>
#include <array>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <functional>
#include <map>
#include <string>
#include <vector>

using namespace ns3;
namespace bdata = boost::unit_test::data;

namespace
{

/// Start of the client application.
const Time START = Seconds(1);
/// One-way delay of the link.
const Time HOP = MilliSeconds(1);
/// A DHCP exchange without loss: DISCOVER, OFFER, REQUEST, ACK.
const Time EXCHANGE = MilliSeconds(4);

/// DhcpHeader message types, as MessageSent reports them.
constexpr uint8_t DISCOVER = DhcpHeader::DHCPDISCOVER;
/// DhcpHeader message types, as MessageSent reports them.
constexpr uint8_t REQUEST = DhcpHeader::DHCPREQ;

/**
 * \ingroup mobisocket-test
 * \brief An error model that corrupts everything while enabled: a detached
 *        device's receiver.
 */
class DropAllErrorModel : public ErrorModel
{
  private:
    bool DoCorrupt(Ptr<Packet>) override
    {
        return IsEnabled(); // ErrorModel::IsCorrupt leaves this check to its subclasses
    }

    void DoReset() override
    {
    }
};

/// A frame a TestDevice sent.
struct Frame
{
    Time time;         //!< when
    uint16_t protocol; //!< EtherType
    Mac48Address to;   //!< destination
    int dhcpType{-1};  //!< DhcpHeader type of a DHCP message, -1 otherwise
};

/**
 * \param packet an IPv4 packet (with its IP header)
 * \return its DhcpHeader type, or -1 if it is no DHCP message
 */
int
DhcpTypeOf(Ptr<const Packet> packet)
{
    Ptr<Packet> copy = packet->Copy();
    Ipv4Header ip;
    UdpHeader udp;
    DhcpHeader dhcp;
    if (copy->RemoveHeader(ip) == 0 || ip.GetProtocol() != UdpL4Protocol::PROT_NUMBER ||
        copy->RemoveHeader(udp) == 0)
    {
        return -1;
    }
    bool dhcpPorts = udp.GetDestinationPort() == 67 || udp.GetDestinationPort() == 68;
    if (!dhcpPorts || copy->RemoveHeader(dhcp) == 0)
    {
        return -1;
    }
    return dhcp.GetType();
}

/**
 * \ingroup mobisocket-test
 * \brief A SimpleNetDevice the test attaches to and detaches from the link
 *        (its link state), and whose outgoing DHCP messages it can drop.
 */
class TestDevice : public SimpleNetDevice
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId()
    {
        static TypeId tid = TypeId("ns3::DhcpClientTestDevice")
                                .SetParent<SimpleNetDevice>()
                                .SetGroupName("Mobisocket")
                                .AddConstructor<TestDevice>();
        return tid;
    }

    TestDevice()
        : m_receiveGate(CreateObject<DropAllErrorModel>())
    {
    }

    /**
     * \brief Attach to or detach from the link.
     * \param attached attached
     * \param notify fire the link-change callbacks
     */
    void SetAttached(bool attached, bool notify)
    {
        m_attached = attached;
        attached ? m_receiveGate->Disable() : m_receiveGate->Enable();
        // (again: object construction resets the ReceiveErrorModel attribute)
        SetReceiveErrorModel(m_receiveGate);
        if (notify)
        {
            m_linkChanges();
        }
    }

    bool IsLinkUp() const override
    {
        return m_attached;
    }

    void AddLinkChangeCallback(Callback<void> callback) override
    {
        m_linkChanges.ConnectWithoutContext(callback);
    }

    /**
     * \brief Lose the next DHCP messages of a type this device sends.
     * \param type the DhcpHeader type
     * \param count how many
     */
    void DropNext(uint8_t type, uint32_t count)
    {
        m_drops[type] = count;
    }

    bool SendFrom(Ptr<Packet> packet,
                  const Address& source,
                  const Address& dest,
                  uint16_t protocol) override
    {
        if (!m_attached)
        {
            return false;
        }
        Frame frame{Simulator::Now(), protocol, Mac48Address::ConvertFrom(dest)};
        if (protocol == Ipv4L3Protocol::PROT_NUMBER)
        {
            frame.dhcpType = DhcpTypeOf(packet);
        }
        sent.push_back(frame);
        if (frame.dhcpType >= 0 && m_drops[frame.dhcpType] > 0)
        {
            m_drops[frame.dhcpType]--;
            return true; // lost on the way
        }
        return SimpleNetDevice::SendFrom(packet, source, dest, protocol);
    }

    std::vector<Frame> sent; //!< every frame sent while attached, lost ones included

  private:
    bool m_attached{true};                 //!< on the link
    Ptr<ErrorModel> m_receiveGate;         //!< drops every frame while detached
    TracedCallback<> m_linkChanges;        //!< link-change callbacks
    std::map<uint8_t, uint32_t> m_drops{}; //!< DHCP messages to lose, per type
};

/// A message the client sent.
struct Sent
{
    Time time;        //!< when
    uint8_t type;     //!< DhcpHeader type
    uint32_t attempt; //!< attempt number
};

/// An address trace event.
struct AddressEvent
{
    Time time;           //!< when
    Ipv4Address address; //!< the address
};

/**
 * \ingroup mobisocket-test
 * \brief Records what a MobileDhcpClient reports.
 */
class ClientLog
{
  public:
    /**
     * \brief Connect to a client's trace sources.
     * \param client the client
     */
    void Attach(Ptr<MobileDhcpClient> client)
    {
        client->TraceConnectWithoutContext("MessageSent", MakeCallback(&ClientLog::OnSent, this));
        client->TraceConnectWithoutContext("NewLease", MakeCallback(&ClientLog::OnNewLease, this));
        client->TraceConnectWithoutContext("ExpireLease",
                                           MakeCallback(&ClientLog::OnExpireLease, this));
        client->TraceConnectWithoutContext("LeaseReused",
                                           MakeCallback(&ClientLog::OnLeaseReused, this));
    }

    /**
     * \param type a message type
     * \param until up to this time (included)
     * \return the messages of that type sent
     */
    std::vector<Sent> Of(uint8_t type, Time until = Time::Max()) const
    {
        std::vector<Sent> result;
        for (const Sent& s : sent)
        {
            if (s.type == type && s.time <= until)
            {
                result.push_back(s);
            }
        }
        return result;
    }

    std::vector<Sent> sent;                  //!< MessageSent
    std::vector<AddressEvent> newLeases;     //!< NewLease
    std::vector<AddressEvent> expiredLeases; //!< ExpireLease
    std::vector<AddressEvent> reusedLeases;  //!< LeaseReused

  private:
    /**
     * \param type message type
     * \param attempt attempt number
     */
    void OnSent(uint8_t type, uint32_t attempt)
    {
        sent.push_back({Simulator::Now(), type, attempt});
    }

    /// \param address the new lease
    void OnNewLease(const Ipv4Address& address)
    {
        newLeases.push_back({Simulator::Now(), address});
    }

    /// \param address the lease withdrawn
    void OnExpireLease(const Ipv4Address& address)
    {
        expiredLeases.push_back({Simulator::Now(), address});
    }

    /// \param address the lease reinstated
    void OnLeaseReused(const Ipv4Address& address)
    {
        reusedLeases.push_back({Simulator::Now(), address});
    }
};

/**
 * \ingroup mobisocket-test
 * \brief Counts the datagrams a socket receives.
 */
struct DatagramCounter
{
    uint32_t count{0}; //!< datagrams received

    /// \param socket the socket
    void Receive(Ptr<Socket> socket)
    {
        while (socket->Recv())
        {
            count++;
        }
    }
};

/// The address of network A's gateway.
const Ipv4Address GATEWAY_A("10.0.0.1");
/// The address of network A's DHCP server.
const Ipv4Address SERVER_A("10.0.0.2");
/// Network B's gateway and DHCP server.
const Ipv4Address NODE_B("10.1.0.1");

/**
 * \ingroup mobisocket-test
 * \brief The test bed: the client and the networks it can be on.
 */
class DhcpBed
{
  public:
    /// What the bed sets up.
    struct Config
    {
        Time jitter{Seconds(1)};            //!< RetransmitJitter
        double jitterShare{0};              //!< RetransmitJitterShare
        Time initialRetransmit{Seconds(4)}; //!< InitialRetransmit
        uint32_t requestRetransmissions{4}; //!< RequestRetransmissions
        Time maxRetransmit{Seconds(64)};    //!< MaxRetransmit
        Time collect{Seconds(0)};           //!< Collect
        bool dnav4{false};                  //!< Dnav4
        Time leaseTime{Seconds(30)};        //!< servers' LeaseTime
        Time renewTime{Seconds(15)};        //!< servers' RenewTime
        Time rebindTime{Seconds(25)};       //!< servers' RebindTime
        int64_t stream{-1};                 //!< AssignStreams on the client (-1: none)
    };

    /**
     * \brief Build the link, network A attached, SA2 and network B detached.
     * \param config what to set up
     */
    explicit DhcpBed(const Config& config)
        : channel(CreateObject<SimpleChannel>())
    {
        channel->SetAttribute("Delay", TimeValue(HOP));
        client = AddNode(clientDevice);
        gateway = AddNode(gatewayDevice);
        server = AddNode(serverDevice);
        server2 = AddNode(server2Device);
        nodeB = AddNode(nodeBDevice);
        AddAddress(gateway, gatewayDevice, GATEWAY_A, Ipv4Mask("/24"));
        dhcpServer = InstallServer(serverDevice, SERVER_A, "10.0.0.0", GATEWAY_A, config);
        dhcpServer2 = InstallServer(server2Device, SERVER_A, "10.0.0.0", GATEWAY_A, config);
        InstallServer(nodeBDevice, NODE_B, "10.1.0.0", NODE_B, config);
        server2Device->SetAttached(false, false);
        nodeBDevice->SetAttached(false, false);
        InstallClient(config);
    }

    /**
     * \brief Move the client: link down now, the networks change, link up later.
     * \param upAfter how long the link stays down
     * \param attach the devices attached while it is down, all others detached
     */
    void Move(Time upAfter, const std::vector<Ptr<TestDevice>>& attach)
    {
        clientDevice->SetAttached(false, true);
        for (Ptr<TestDevice> d : {gatewayDevice, serverDevice, server2Device, nodeBDevice})
        {
            d->SetAttached(std::find(attach.begin(), attach.end(), d) != attach.end(), false);
        }
        Simulator::Schedule(upAfter, &TestDevice::SetAttached, clientDevice, true, true);
    }

    /// \return the client's IPv4
    Ptr<Ipv4> ClientIpv4() const
    {
        return client->GetObject<Ipv4>();
    }

    /// \return the client's addresses on its device
    std::vector<Ipv4Address> ClientAddresses() const
    {
        Ptr<Ipv4> ipv4 = ClientIpv4();
        uint32_t interface = ipv4->GetInterfaceForDevice(clientDevice);
        std::vector<Ipv4Address> result;
        for (uint32_t i = 0; i < ipv4->GetNAddresses(interface); i++)
        {
            result.push_back(ipv4->GetAddress(interface, i).GetLocal());
        }
        return result;
    }

    /// \return the gateways of the client's default routes
    std::vector<Ipv4Address> DefaultGateways() const
    {
        Ptr<Ipv4StaticRouting> routing = Ipv4StaticRoutingHelper().GetStaticRouting(ClientIpv4());
        std::vector<Ipv4Address> result;
        for (uint32_t i = 0; i < routing->GetNRoutes(); i++)
        {
            Ipv4RoutingTableEntry route = routing->GetRoute(i);
            if (route.GetDest() == Ipv4Address::GetAny() &&
                route.GetDestNetworkMask() == Ipv4Mask::GetZero() &&
                route.GetGateway() != Ipv4Address::GetAny())
            {
                result.push_back(route.GetGateway());
            }
        }
        return result;
    }

    /**
     * \param from start time
     * \return the ARP frames the client sent from then
     */
    std::vector<Frame> ClientArpFrames(Time from) const
    {
        std::vector<Frame> result;
        for (const Frame& f : clientDevice->sent)
        {
            if (f.protocol == ArpL3Protocol::PROT_NUMBER && f.time >= from)
            {
                result.push_back(f);
            }
        }
        return result;
    }

    Ptr<SimpleChannel> channel;    //!< the link
    Ptr<Node> client;              //!< the client
    Ptr<Node> gateway;             //!< network A's gateway
    Ptr<Node> server;              //!< network A's DHCP server
    Ptr<Node> server2;             //!< network A's DHCP server, restarted
    Ptr<Node> nodeB;               //!< network B's gateway and DHCP server
    Ptr<TestDevice> clientDevice;  //!< the client's device
    Ptr<TestDevice> gatewayDevice; //!< GA's device
    Ptr<TestDevice> serverDevice;  //!< SA's device
    Ptr<TestDevice> server2Device; //!< SA2's device
    Ptr<TestDevice> nodeBDevice;   //!< B's device
    Ptr<DhcpServer> dhcpServer;    //!< SA's server
    Ptr<DhcpServer> dhcpServer2;   //!< SA2's server
    Ptr<MobileDhcpClient> dhcp;    //!< the client
    ClientLog log;                 //!< what the client reported

  private:
    /**
     * \brief A node with the Internet stack and a TestDevice on the link.
     * \param device set to its device
     * \return the node
     */
    Ptr<Node> AddNode(Ptr<TestDevice>& device)
    {
        Ptr<Node> node = CreateObject<Node>();
        device = CreateObject<TestDevice>();
        device->SetAddress(Mac48Address::Allocate());
        device->SetQueue(CreateObject<DropTailQueue<Packet>>());
        device->SetAttached(true, false);
        node->AddDevice(device);
        device->SetChannel(channel);
        InternetStackHelper().Install(node);
        return node;
    }

    /**
     * \brief Give a node a fixed address on its device.
     * \param node the node
     * \param device its device
     * \param address the address
     * \param mask its mask
     */
    static void AddAddress(Ptr<Node> node,
                           Ptr<NetDevice> device,
                           Ipv4Address address,
                           Ipv4Mask mask)
    {
        Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
        int32_t interface = ipv4->AddInterface(device);
        ipv4->AddAddress(interface, Ipv4InterfaceAddress(address, mask));
        ipv4->SetUp(interface);
    }

    /**
     * \brief A DhcpServer for addresses .10 to .20 of a /24.
     * \param device the server's device
     * \param address the server's address
     * \param network the /24
     * \param router the router it offers
     * \param config the lease times
     * \return the server
     */
    static Ptr<DhcpServer> InstallServer(Ptr<NetDevice> device,
                                         Ipv4Address address,
                                         const char* network,
                                         Ipv4Address router,
                                         const Config& config)
    {
        Ipv4Address base(network);
        ApplicationContainer apps = DhcpHelper().InstallDhcpServer(device,
                                                                   address,
                                                                   base,
                                                                   Ipv4Mask("/24"),
                                                                   Ipv4Address(base.Get() + 10),
                                                                   Ipv4Address(base.Get() + 20),
                                                                   router);
        Ptr<DhcpServer> server = DynamicCast<DhcpServer>(apps.Get(0));
        server->SetAttribute("LeaseTime", TimeValue(config.leaseTime));
        server->SetAttribute("RenewTime", TimeValue(config.renewTime));
        server->SetAttribute("RebindTime", TimeValue(config.rebindTime));
        return server;
    }

    /**
     * \brief The client's interface and the MobileDhcpClient, started at START.
     * \param config its attributes
     */
    void InstallClient(const Config& config)
    {
        Ptr<Ipv4> ipv4 = client->GetObject<Ipv4>();
        int32_t interface = ipv4->AddInterface(clientDevice);
        ipv4->SetMetric(interface, 1);
        ipv4->SetUp(interface);
        dhcp = CreateObject<MobileDhcpClient>(clientDevice);
        dhcp->SetAttribute("RetransmitJitter", TimeValue(config.jitter));
        dhcp->SetAttribute("RetransmitJitterShare", DoubleValue(config.jitterShare));
        dhcp->SetAttribute("InitialRetransmit", TimeValue(config.initialRetransmit));
        dhcp->SetAttribute("RequestRetransmissions", UintegerValue(config.requestRetransmissions));
        dhcp->SetAttribute("MaxRetransmit", TimeValue(config.maxRetransmit));
        dhcp->SetAttribute("Collect", TimeValue(config.collect));
        dhcp->SetAttribute("Dnav4", BooleanValue(config.dnav4));
        if (config.stream >= 0)
        {
            dhcp->AssignStreams(config.stream);
        }
        client->AddApplication(dhcp);
        dhcp->SetStartTime(START);
        log.Attach(dhcp);
    }
};

/**
 * \param config a bed configuration without jitter
 * \return it
 */
DhcpBed::Config
NoJitter(DhcpBed::Config config = DhcpBed::Config())
{
    config.jitter = Seconds(0);
    return config;
}

/**
 * \param address an address
 * \return whether it is in network A's pool
 */
bool
InPoolA(Ipv4Address address)
{
    return address.Get() >= Ipv4Address("10.0.0.10").Get() &&
           address.Get() <= Ipv4Address("10.0.0.20").Get();
}

/**
 * \param bed a bed whose client holds a lease
 * \return whether the address is on the interface and the only default route is via gateway
 */
bool
Holds(const DhcpBed& bed, Ipv4Address address, Ipv4Address gateway)
{
    std::vector<Ipv4Address> addresses = bed.ClientAddresses();
    std::vector<Ipv4Address> gateways = bed.DefaultGateways();
    return addresses.size() == 1 && addresses[0] == address && gateways.size() == 1 &&
           gateways[0] == gateway;
}

/**
 * \brief One run with 3 lost DISCOVERs and 1 s jitter.
 * \param run the RngRun
 * \param otherVariable make (and draw from) another random variable before the client
 * \param stream AssignStreams on the client (-1: none)
 * \return when the client sent its DISCOVERs
 */
std::vector<Time>
JitteredDiscoverTimes(uint32_t run, bool otherVariable, int64_t stream)
{
    RngSeedManager::SetRun(run);
    if (otherVariable)
    {
        CreateObject<UniformRandomVariable>()->GetValue();
    }
    DhcpBed::Config config;
    config.stream = stream;
    std::vector<Time> times;
    {
        DhcpBed bed(config);
        bed.clientDevice->DropNext(DISCOVER, 3);
        Simulator::Stop(Seconds(40));
        Simulator::Run();
        for (const Sent& s : bed.log.Of(DISCOVER))
        {
            times.push_back(s.time);
        }
    }
    Simulator::Destroy();
    return times;
}

/**
 * \brief JitteredDiscoverTimes() without fixed streams, in a forked child.
 * \param run the RngRun
 * \param otherVariable make another random variable before the client
 * \return the DISCOVER times (time steps), space-separated
 */
std::string
DiscoverTimesInChild(uint32_t run, bool otherVariable)
{
    ChildOutcome child = RunInChild([run, otherVariable]() {
        for (Time t : JitteredDiscoverTimes(run, otherVariable, -1))
        {
            std::cerr << t.GetTimeStep() << ' ';
        }
    });
    BOOST_TEST(!child.stopped);
    return child.stderrText;
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(dhcp_client, NsFixture)

BOOST_AUTO_TEST_CASE(no_loss_one_discover_one_request)
{
    DhcpBed bed{DhcpBed::Config()};
    Simulator::Stop(Seconds(10));
    Simulator::Run();

    BOOST_REQUIRE_EQUAL(bed.log.newLeases.size(), 1u);
    Ipv4Address leased = bed.log.newLeases[0].address;
    BOOST_TEST(InPoolA(leased));
    BOOST_TEST(bed.log.newLeases[0].time == START + EXCHANGE);
    BOOST_TEST(bed.log.expiredLeases.empty());
    BOOST_TEST(bed.log.reusedLeases.empty());
    BOOST_REQUIRE_EQUAL(bed.log.sent.size(), 2u);
    BOOST_TEST(bed.log.sent[0].type == DISCOVER);
    BOOST_TEST(bed.log.sent[0].attempt == 0u);
    BOOST_TEST(bed.log.sent[0].time == START);
    BOOST_TEST(bed.log.sent[1].type == REQUEST);
    BOOST_TEST(bed.log.sent[1].attempt == 0u);
    BOOST_TEST(bed.log.sent[1].time == START + 2 * HOP);
    // the 0.0.0.0 placeholder replaced by the lease; one default route, via the offered router
    BOOST_TEST(Holds(bed, leased, GATEWAY_A));
    BOOST_TEST(bed.dhcp->GetAddress() == leased);
    BOOST_TEST(bed.dhcp->GetGateway() == GATEWAY_A);
    BOOST_TEST(bed.dhcp->GetServer() == SERVER_A);
    BOOST_TEST(bed.dhcp->GetState() == MobileDhcpClient::BOUND);
    BOOST_TEST(bed.ClientArpFrames(Seconds(0)).empty()); // no DNAv4, no ARP of its own
}

BOOST_DATA_TEST_CASE_F(NsFixture, lost_discovers_back_off_4_8_16_s, bdata::make({1, 2, 3}), k)
{
    DhcpBed bed(NoJitter());
    bed.clientDevice->DropNext(DISCOVER, k);
    Simulator::Stop(Seconds(40));
    Simulator::Run();

    const Time delays[] = {Seconds(4), Seconds(8), Seconds(16)};
    Time expected = START;
    std::vector<Sent> discovers = bed.log.Of(DISCOVER);
    BOOST_REQUIRE_EQUAL(discovers.size(), static_cast<std::size_t>(k + 1));
    for (int i = 0; i <= k; i++)
    {
        BOOST_TEST(discovers[i].time == expected);
        BOOST_TEST(discovers[i].attempt == static_cast<uint32_t>(i));
        expected += i < k ? delays[i] : Time(0);
    }
    // 4, 12, 28 s after the start, plus the exchange
    BOOST_REQUIRE_EQUAL(bed.log.newLeases.size(), 1u);
    BOOST_TEST(bed.log.newLeases[0].time == expected + EXCHANGE);
    BOOST_TEST(bed.log.Of(REQUEST, bed.log.newLeases[0].time).size() == 1u);
}

/**
 * \brief Lose the first three DISCOVERs and check each retransmission delay
 *        against its base, within the jitter, and that the jitter was drawn.
 * \param config the bed (its retransmission timers)
 * \param bases the three delays before jitter (s)
 * \param slack the largest jitter for a base delay (s)
 */
void
CheckJitteredDiscovers(const DhcpBed::Config& config,
                       const std::array<double, 3>& bases,
                       const std::function<double(double)>& slack)
{
    DhcpBed bed(config);
    bed.clientDevice->DropNext(DISCOVER, 3);
    Simulator::Stop(Seconds(40));
    Simulator::Run();

    std::vector<Sent> discovers = bed.log.Of(DISCOVER);
    BOOST_REQUIRE_EQUAL(discovers.size(), 4u);
    int exact = 0;
    for (int i = 0; i < 3; i++)
    {
        double gap = (discovers[i + 1].time - discovers[i].time).GetSeconds();
        BOOST_TEST(gap >= bases[i] - slack(bases[i]));
        BOOST_TEST(gap <= bases[i] + slack(bases[i]));
        exact += std::abs(gap - bases[i]) < 1e-6;
    }
    BOOST_TEST(exact < 3); // the jitter was applied
    BOOST_REQUIRE_EQUAL(bed.log.newLeases.size(), 1u);
    BOOST_TEST(bed.log.newLeases[0].time == discovers[3].time + EXCHANGE);
}

BOOST_AUTO_TEST_CASE(lost_discovers_are_jittered_by_at_most_1_s)
{
    CheckJitteredDiscovers(DhcpBed::Config(), {4, 8, 16}, [](double) { return 1.0; });
}

BOOST_AUTO_TEST_CASE(jitter_share_randomizes_in_proportion_to_the_delay)
{
    // Android's client: 2 s doubling, each delay +/-10 % of itself.
    DhcpBed::Config config;
    config.jitter = Seconds(0);
    config.jitterShare = 0.1;
    config.initialRetransmit = Seconds(2);
    config.maxRetransmit = Seconds(128);
    CheckJitteredDiscovers(config, {2, 4, 8}, [](double base) { return 0.1 * base; });
}

BOOST_DATA_TEST_CASE_F(NsFixture,
                       lost_request_or_ack_resent_after_4_plus_minus_1_s,
                       bdata::make({0, 1}),
                       lostAck)
{
    DhcpBed bed{DhcpBed::Config()};
    if (lostAck)
    {
        bed.serverDevice->DropNext(DhcpHeader::DHCPACK, 1);
    }
    else
    {
        bed.clientDevice->DropNext(REQUEST, 1);
    }
    Simulator::Stop(Seconds(15)); // before T1
    Simulator::Run();

    std::vector<Sent> requests = bed.log.Of(REQUEST);
    BOOST_REQUIRE_EQUAL(requests.size(), 2u);
    BOOST_TEST(requests[0].time == START + 2 * HOP);
    BOOST_TEST(requests[1].attempt == 1u);
    double gap = (requests[1].time - requests[0].time).GetSeconds();
    BOOST_TEST(gap >= 3.0);
    BOOST_TEST(gap <= 5.0);
    BOOST_REQUIRE_EQUAL(bed.log.newLeases.size(), 1u);
    BOOST_TEST(bed.log.newLeases[0].time == requests[1].time + 2 * HOP);
    BOOST_TEST(bed.log.newLeases[0].time < START + Seconds(5.01)); // ns-3's client: 10 s
    BOOST_TEST(bed.log.Of(DISCOVER).size() == 1u);
}

BOOST_AUTO_TEST_CASE(unanswered_requests_send_the_client_back_to_init)
{
    DhcpBed::Config config = NoJitter();
    config.requestRetransmissions = 2;
    DhcpBed bed(config);
    bed.clientDevice->DropNext(REQUEST, 3);
    Simulator::Stop(Seconds(40));
    Simulator::Run();

    // REQUEST at +0, +4, +12 s; no answer 16 s later: INIT, a new DISCOVER
    Time r0 = START + 2 * HOP;
    std::vector<Sent> expected = {{START, DISCOVER, 0},
                                  {r0, REQUEST, 0},
                                  {r0 + Seconds(4), REQUEST, 1},
                                  {r0 + Seconds(12), REQUEST, 2},
                                  {r0 + Seconds(28), DISCOVER, 0},
                                  {r0 + Seconds(28) + 2 * HOP, REQUEST, 0}};
    BOOST_REQUIRE_EQUAL(bed.log.sent.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); i++)
    {
        BOOST_TEST_CONTEXT("message " << i)
        {
            BOOST_TEST(bed.log.sent[i].time == expected[i].time);
            BOOST_TEST(bed.log.sent[i].type == expected[i].type);
            BOOST_TEST(bed.log.sent[i].attempt == expected[i].attempt);
        }
    }
    BOOST_REQUIRE_EQUAL(bed.log.newLeases.size(), 1u);
    BOOST_TEST(bed.log.newLeases[0].time == r0 + Seconds(28) + EXCHANGE);
}

BOOST_AUTO_TEST_CASE(max_retransmit_caps_the_delay)
{
    DhcpBed::Config config = NoJitter();
    config.maxRetransmit = Seconds(8);
    DhcpBed bed(config);
    bed.clientDevice->DropNext(DISCOVER, 3);
    Simulator::Stop(Seconds(40));
    Simulator::Run();

    std::vector<Sent> discovers = bed.log.Of(DISCOVER);
    BOOST_REQUIRE_EQUAL(discovers.size(), 4u);
    BOOST_TEST(discovers[1].time - discovers[0].time == Seconds(4));
    BOOST_TEST(discovers[2].time - discovers[1].time == Seconds(8));
    BOOST_TEST(discovers[3].time - discovers[2].time == Seconds(8));
    BOOST_REQUIRE_EQUAL(bed.log.newLeases.size(), 1u);
    BOOST_TEST(bed.log.newLeases[0].time == START + Seconds(20) + EXCHANGE);
}

BOOST_AUTO_TEST_CASE(collect_waits_after_the_first_offer)
{
    DhcpBed::Config config;
    config.collect = MilliSeconds(500);
    DhcpBed bed(config);
    Simulator::Stop(Seconds(10));
    Simulator::Run();

    BOOST_REQUIRE_EQUAL(bed.log.newLeases.size(), 1u);
    BOOST_TEST(bed.log.newLeases[0].time == START + MilliSeconds(500) + EXCHANGE);
}

BOOST_AUTO_TEST_CASE(renewal_at_t1_is_a_unicast_request_to_the_server)
{
    DhcpBed::Config config;
    config.leaseTime = Seconds(20);
    config.renewTime = Seconds(10);
    config.rebindTime = Seconds(15);
    DhcpBed bed(config);
    Simulator::Stop(Seconds(30));
    Simulator::Run();

    std::vector<Sent> requests = bed.log.Of(REQUEST);
    BOOST_REQUIRE_GE(requests.size(), 2u);
    Time bound = START + EXCHANGE;
    BOOST_TEST(requests[1].time == bound + Seconds(10));
    BOOST_TEST(requests[1].attempt == 0u);
    Mac48Address serverMac = Mac48Address::ConvertFrom(bed.serverDevice->GetAddress());
    bool unicast = false;
    for (const Frame& f : bed.clientDevice->sent)
    {
        unicast |= f.time >= requests[1].time && f.dhcpType == REQUEST && f.to == serverMac;
    }
    BOOST_TEST(unicast);
    // renewed twice (at 11 and 21 s), never lost: one NewLease, no ExpireLease
    BOOST_TEST(bed.log.newLeases.size() == 1u);
    BOOST_TEST(bed.log.expiredLeases.empty());
    BOOST_TEST(bed.dhcp->GetState() == MobileDhcpClient::BOUND);
    BOOST_TEST(Holds(bed, bed.log.newLeases[0].address, GATEWAY_A));
}

BOOST_AUTO_TEST_CASE(nak_on_renewal_sends_the_client_to_init)
{
    DhcpBed::Config config;
    config.leaseTime = Seconds(20);
    config.renewTime = Seconds(10);
    config.rebindTime = Seconds(15);
    DhcpBed bed(config);
    // SA restarts at 3 s (SA2: same address, empty lease table): it NAKs the renewal
    Simulator::Schedule(Seconds(3), &TestDevice::SetAttached, bed.serverDevice, false, false);
    Simulator::Schedule(Seconds(3), &TestDevice::SetAttached, bed.server2Device, true, false);
    Simulator::Stop(Seconds(14));
    Simulator::Run();

    Time t1 = START + EXCHANGE + Seconds(10);
    BOOST_REQUIRE_EQUAL(bed.log.expiredLeases.size(), 1u);
    AddressEvent nak = bed.log.expiredLeases[0];
    BOOST_TEST(nak.address == bed.log.newLeases[0].address);
    BOOST_TEST(nak.time > t1);
    // ARP, REQUEST, ARP, NAK (ns-3.48 delays ARP Requests by up to 10 ms: RequestJitter)
    BOOST_TEST(nak.time < t1 + MilliSeconds(30));
    std::vector<Sent> discovers = bed.log.Of(DISCOVER);
    BOOST_REQUIRE_EQUAL(discovers.size(), 2u);
    BOOST_TEST(discovers[1].time == nak.time); // INIT at once
    BOOST_TEST(discovers[1].attempt == 0u);
    BOOST_REQUIRE_EQUAL(bed.log.newLeases.size(), 2u);
    BOOST_TEST(bed.log.newLeases[1].time == nak.time + EXCHANGE);
    BOOST_TEST(Holds(bed, bed.log.newLeases[1].address, GATEWAY_A));
}

BOOST_AUTO_TEST_CASE(link_down_removes_address_and_route_link_up_starts_again)
{
    DhcpBed bed{DhcpBed::Config()};
    Simulator::Schedule(Seconds(3), &TestDevice::SetAttached, bed.clientDevice, false, true);
    Simulator::Stop(Seconds(20)); // past T1 (16 s)
    Simulator::Run();

    BOOST_REQUIRE_EQUAL(bed.log.newLeases.size(), 1u);
    Ipv4Address leased = bed.log.newLeases[0].address;
    BOOST_TEST(bed.ClientAddresses().empty());
    BOOST_TEST(bed.DefaultGateways().empty());
    BOOST_TEST(bed.dhcp->GetAddress() == Ipv4Address::GetAny());
    BOOST_TEST(bed.dhcp->GetState() == MobileDhcpClient::LINK_DOWN);
    BOOST_TEST(bed.log.expiredLeases.empty()); // as ns-3's DhcpClient
    BOOST_TEST(bed.log.sent.size() == 2u);     // every timer cancelled

    Simulator::Schedule(Seconds(0), &TestDevice::SetAttached, bed.clientDevice, true, true);
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    std::vector<Sent> discovers = bed.log.Of(DISCOVER);
    BOOST_REQUIRE_EQUAL(discovers.size(), 2u);
    BOOST_TEST(discovers[1].time == Seconds(20));
    BOOST_TEST(discovers[1].attempt == 0u);
    BOOST_REQUIRE_EQUAL(bed.log.newLeases.size(), 2u);
    BOOST_TEST(bed.log.newLeases[1].time == Seconds(20) + EXCHANGE);
    BOOST_TEST(bed.log.newLeases[1].address == leased);
    BOOST_TEST(Holds(bed, leased, GATEWAY_A));
}

BOOST_DATA_TEST_CASE_F(NsFixture,
                       dnav4_reinstates_the_lease_in_one_arp_round_trip,
                       bdata::make({1, 0}),
                       serverReachable)
{
    DhcpBed::Config config;
    config.dnav4 = true;
    DhcpBed bed(config);
    DatagramCounter received;
    Ptr<Socket> sink = Socket::CreateSocket(bed.gateway, UdpSocketFactory::GetTypeId());
    sink->Bind(InetSocketAddress(Ipv4Address::GetAny(), 9));
    sink->SetRecvCallback(MakeCallback(&DatagramCounter::Receive, &received));
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    BOOST_REQUIRE_EQUAL(bed.log.newLeases.size(), 1u);
    BOOST_TEST(bed.dhcp->GetRememberedLeaseCount() == 1u);
    Ipv4Address leased = bed.log.newLeases[0].address;

    // away for 1 s, back on the same network (with or without its DHCP server)
    std::vector<Ptr<TestDevice>> networkA = {bed.gatewayDevice};
    if (serverReachable)
    {
        networkA.push_back(bed.serverDevice);
    }
    bed.Move(Seconds(1), networkA);
    Simulator::Stop(Seconds(2));
    Simulator::Run();

    Time up = Seconds(4);
    BOOST_REQUIRE_EQUAL(bed.log.newLeases.size(), 2u);
    BOOST_TEST(bed.log.newLeases[1].address == leased);
    BOOST_TEST(bed.log.newLeases[1].time == up + 2 * HOP); // one ARP round trip
    BOOST_REQUIRE_EQUAL(bed.log.reusedLeases.size(), 1u);
    BOOST_TEST(bed.log.reusedLeases[0].address == leased);
    BOOST_TEST(bed.log.reusedLeases[0].time == up + 2 * HOP);
    BOOST_TEST(bed.log.expiredLeases.empty());
    BOOST_TEST(Holds(bed, leased, GATEWAY_A));
    // the probe: a unicast ARP Request to the gateway's MAC at link up
    std::vector<Frame> arp = bed.ClientArpFrames(up);
    BOOST_REQUIRE(!arp.empty());
    BOOST_TEST(arp[0].time == up);
    BOOST_TEST(arp[0].to == Mac48Address::ConvertFrom(bed.gatewayDevice->GetAddress()));
    // confirmed in the background (INIT-REBOOT REQUEST); the parallel DISCOVER was cancelled
    std::vector<Sent> requests = bed.log.Of(REQUEST);
    BOOST_TEST(requests.back().time >= up + 2 * HOP);
    BOOST_TEST(bed.log.Of(DISCOVER).size() == 2u);
    if (serverReachable)
    {
        BOOST_TEST(bed.dhcp->GetState() == MobileDhcpClient::BOUND);
    }
    // the node's own ARP still works with the client's handler registered
    Ptr<Socket> socket = Socket::CreateSocket(bed.client, UdpSocketFactory::GetTypeId());
    socket->Connect(InetSocketAddress(GATEWAY_A, 9));
    socket->Send(Create<Packet>(100));
    Simulator::Stop(Seconds(1));
    Simulator::Run();
    BOOST_TEST(received.count == 1u);
}

BOOST_AUTO_TEST_CASE(dnav4_on_another_network_falls_back_to_dhcp_and_back)
{
    DhcpBed::Config config;
    config.dnav4 = true;
    DhcpBed bed(config);
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    BOOST_REQUIRE_EQUAL(bed.log.newLeases.size(), 1u);
    Ipv4Address leasedA = bed.log.newLeases[0].address;

    // to network B: nobody answers the probe of GA's MAC, DHCP proceeds
    bed.Move(Seconds(1), {bed.nodeBDevice});
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    BOOST_REQUIRE_EQUAL(bed.log.newLeases.size(), 2u);
    Ipv4Address leasedB = bed.log.newLeases[1].address;
    BOOST_TEST(leasedB.CombineMask(Ipv4Mask("/24")) == Ipv4Address("10.1.0.0"));
    BOOST_TEST(bed.log.newLeases[1].time == Seconds(4) + EXCHANGE);
    BOOST_TEST(bed.log.reusedLeases.empty());
    BOOST_TEST(Holds(bed, leasedB, NODE_B));
    BOOST_TEST(bed.ClientArpFrames(Seconds(4)).front().to ==
               Mac48Address::ConvertFrom(bed.gatewayDevice->GetAddress()));
    BOOST_TEST(bed.dhcp->GetRememberedLeaseCount() == 2u);

    // back to network A: its lease is reinstated
    bed.Move(Seconds(1), {bed.gatewayDevice, bed.serverDevice});
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    BOOST_REQUIRE_EQUAL(bed.log.newLeases.size(), 3u);
    BOOST_TEST(bed.log.newLeases[2].address == leasedA);
    BOOST_TEST(bed.log.newLeases[2].time == Seconds(7) + 2 * HOP);
    BOOST_REQUIRE_EQUAL(bed.log.reusedLeases.size(), 1u);
    BOOST_TEST(Holds(bed, leasedA, GATEWAY_A));
}

BOOST_AUTO_TEST_CASE(dnav4_confirmation_nak_sends_the_client_to_init)
{
    DhcpBed::Config config;
    config.dnav4 = true;
    DhcpBed bed(config);
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    BOOST_REQUIRE_EQUAL(bed.log.newLeases.size(), 1u);
    Ipv4Address leased = bed.log.newLeases[0].address;

    // back on network A, whose server restarted (SA2); the parallel DISCOVER is lost, so
    // SA2 first hears of the client in its INIT-REBOOT REQUEST, and NAKs it
    bed.clientDevice->DropNext(DISCOVER, 1);
    bed.Move(Seconds(1), {bed.gatewayDevice, bed.server2Device});
    Simulator::Stop(Seconds(3));
    Simulator::Run();

    Time up = Seconds(4);
    BOOST_REQUIRE_EQUAL(bed.log.reusedLeases.size(), 1u);
    BOOST_TEST(bed.log.reusedLeases[0].time == up + 2 * HOP);
    BOOST_REQUIRE_EQUAL(bed.log.expiredLeases.size(), 1u);
    AddressEvent nak = bed.log.expiredLeases[0];
    BOOST_TEST(nak.address == leased);
    BOOST_TEST(nak.time > up + 2 * HOP);
    BOOST_TEST(nak.time < up + MilliSeconds(30)); // REQUEST, ARP, NAK
    std::vector<Sent> discovers = bed.log.Of(DISCOVER);
    BOOST_REQUIRE_EQUAL(discovers.size(), 3u);
    BOOST_TEST(discovers[2].time == nak.time);
    BOOST_REQUIRE_EQUAL(bed.log.newLeases.size(), 3u); // first, reused, after the NAK
    BOOST_TEST(bed.log.newLeases[2].time == nak.time + EXCHANGE);
    BOOST_TEST(Holds(bed, bed.log.newLeases[2].address, GATEWAY_A));
}

BOOST_AUTO_TEST_CASE(same_run_same_timings_other_run_other_draws)
{
    // Automatic stream numbers keep counting in a process: compare fresh processes
    // (forked from the same state), as separate runs of a program would be.
    std::string first = DiscoverTimesInChild(1, false);
    BOOST_TEST(std::count(first.begin(), first.end(), ' ') == 4); // four DISCOVERs
    BOOST_TEST(DiscoverTimesInChild(1, false) == first);
    BOOST_TEST(DiscoverTimesInChild(2, false) != first);
    BOOST_TEST(DiscoverTimesInChild(1, true) != first); // the automatic streams shifted

    // fixed streams: the same in one process, whatever other variables were made first
    std::vector<Time> fixed = JitteredDiscoverTimes(1, false, 1000);
    BOOST_REQUIRE_EQUAL(fixed.size(), 4u);
    BOOST_TEST((JitteredDiscoverTimes(1, false, 1000) == fixed));
    BOOST_TEST((JitteredDiscoverTimes(1, true, 1000) == fixed));
    BOOST_TEST((JitteredDiscoverTimes(2, false, 1000) != fixed));
    BOOST_TEST(CreateObject<MobileDhcpClient>()->AssignStreams(7) == 2);
}

/**
 * \brief Run a broken set-up in a child process and check that the client
 *        stopped the program with a message naming what is wrong.
 * \param broken the set-up (it runs the simulator)
 * \param phrases words the message must contain
 */
void
ExpectRefusal(const std::function<void()>& broken, const std::vector<std::string>& phrases)
{
    ChildOutcome child = RunInChild(broken);
    BOOST_TEST(child.stopped);
    for (const std::string& phrase : phrases)
    {
        BOOST_TEST_CONTEXT(phrase)
        {
            BOOST_TEST(child.stderrText.find(phrase) != std::string::npos);
        }
    }
}

BOOST_AUTO_TEST_CASE(refuses_bad_configurations_with_a_message)
{
    ExpectRefusal(
        []() {
            Ptr<Node> node = CreateObject<Node>();
            InternetStackHelper().Install(node);
            Ptr<MobileDhcpClient> client = CreateObject<MobileDhcpClient>();
            node->AddApplication(client);
            Simulator::Run();
        },
        {"no NetDevice"});
    ExpectRefusal(
        []() {
            Ptr<Node> node = CreateObject<Node>();
            Ptr<SimpleNetDevice> device = CreateObject<SimpleNetDevice>();
            node->AddDevice(device);
            InternetStackHelper().Install(node);
            node->AddApplication(CreateObject<MobileDhcpClient>(device));
            Simulator::Run();
        },
        {"not on the node's IPv4"});
    ExpectRefusal(
        []() {
            Ptr<Node> node = CreateObject<Node>();
            Ptr<Node> other = CreateObject<Node>();
            Ptr<SimpleNetDevice> device = CreateObject<SimpleNetDevice>();
            other->AddDevice(device);
            InternetStackHelper().Install(node);
            node->AddApplication(CreateObject<MobileDhcpClient>(device));
            Simulator::Run();
        },
        {"not on the client's node"});
    ExpectRefusal(
        []() {
            DhcpBed bed{DhcpBed::Config()};
            bed.dhcp->SetAttribute("MaxRetransmit", TimeValue(Seconds(2)));
            Simulator::Run();
        },
        {"MaxRetransmit", "InitialRetransmit"});
    for (double share : {-0.1, 1.0})
    {
        ExpectRefusal(
            [share]() {
                DhcpBed::Config config;
                config.jitterShare = share;
                DhcpBed bed(config);
                Simulator::Run();
            },
            {"RetransmitJitterShare"});
    }
}

BOOST_AUTO_TEST_SUITE_END()
