/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mobisocket-test
 * MobileSlaacClient, the IPv6 address layer of a roaming station: a station
 * moves between two access points, each its own router advertising its
 * prefix (ns-3's Radvd), and the client must solicit on link up, report
 * the address tentative, preferred and usable at the times the DAD mode
 * and timer give, and retire the old address and its route.
 */

#define BOOST_TEST_MODULE slaac_client
#include "mobisocket-test-support.h"

#include "ns3/internet-apps-module.h"
#include "ns3/mobility-module.h"
#include "ns3/wifi-module.h"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

using namespace ns3;
namespace bdata = boost::unit_test::data;

/// The test bed and its event log (named: lambdas in the cases capture them).
namespace slaac_test
{

/// What the client reported, with times.
struct Events
{
    std::vector<std::pair<Time, uint32_t>> solicitations; //!< RS sent (attempt)
    std::vector<std::pair<Time, Ipv6Address>> adverts;    //!< RA received (prefix)
    std::vector<std::pair<Time, Ipv6Address>> tentative;  //!< AddressTentative
    std::vector<std::pair<Time, Ipv6Address>> preferred;  //!< AddressPreferred
    std::vector<std::pair<Time, Ipv6Address>> usable;     //!< AddressUsable
    std::vector<std::pair<Time, Ipv6Address>> retired;    //!< AddressRetired
    std::vector<Time> linkUp;                             //!< the station's link came up

    /**
     * \param log the list
     * \param address an address
     * \return when it was logged for that address (-1 s if never)
     */
    static Time When(const std::vector<std::pair<Time, Ipv6Address>>& log, Ipv6Address address)
    {
        for (const auto& [time, logged] : log)
        {
            if (logged == address)
            {
                return time;
            }
        }
        return Seconds(-1);
    }
};

/**
 * \brief Two APs 1000 m apart, each the router of its own prefix
 *        (2001:1::/64, 2001:2::/64) sending RAs, and a station near AP1
 *        with a MobileSlaacClient; Move() teleports it next to the other AP.
 */
struct Bed
{
    NodeContainer aps;             //!< AP1 (0), AP2 (1): routers
    Ptr<Node> station;             //!< the station
    Ptr<NetDevice> stationDevice;  //!< its WiFi device
    Ptr<MobileSlaacClient> client; //!< its address layer
    Events events;                 //!< what the client reported
    std::array<Ipv6Address, 2> prefix{Ipv6Address("2001:1::"), Ipv6Address("2001:2::")};

    /**
     * \param mode the DAD mode
     * \param dadTimeout DadTimeout
     * \param infiniteLifetimes whether the RAs advertise infinite lifetimes
     * \param ap2Advertises whether AP2 runs Radvd
     */
    Bed(MobileSlaacClient::DadMode mode,
        Time dadTimeout = Seconds(1),
        bool infiniteLifetimes = true,
        bool ap2Advertises = true)
    {
        aps.Create(2);
        station = CreateObject<Node>();
        WifiHelper wifi;
        YansWifiChannelHelper channel = YansWifiChannelHelper::Default();
        YansWifiPhyHelper phy;
        phy.SetChannel(channel.Create());
        WifiMacHelper mac;
        Ssid ssid("slaac");
        mac.SetType("ns3::ApWifiMac", "Ssid", SsidValue(ssid));
        NetDeviceContainer apDevices = wifi.Install(phy, mac, aps);
        mac.SetType("ns3::StaWifiMac", "Ssid", SsidValue(ssid));
        stationDevice = wifi.Install(phy, mac, station).Get(0);

        MobilityHelper mobility;
        Ptr<ListPositionAllocator> positions = CreateObject<ListPositionAllocator>();
        positions->Add(Vector(0, 0, 0));
        positions->Add(Vector(1000, 0, 0));
        positions->Add(Vector(5, 0, 0));
        mobility.SetPositionAllocator(positions);
        mobility.SetMobilityModel("ns3::ConstantPositionMobilityModel");
        mobility.Install(NodeContainer(aps, NodeContainer(station)));

        InternetStackHelper stack;
        stack.SetIpv4StackInstall(false);
        stack.Install(aps);
        stack.Install(station);
        Ipv6AddressHelper address;
        for (uint32_t i = 0; i < 2; ++i)
        {
            address.SetBase(prefix[i], Ipv6Prefix(64));
            address.Assign(NetDeviceContainer(apDevices.Get(i)));
            aps.Get(i)->GetObject<Ipv6>()->SetForwarding(1, true);
        }
        address.AssignWithoutAddress(NetDeviceContainer(stationDevice));

        for (uint32_t i = 0; i < (ap2Advertises ? 2U : 1U); ++i)
        {
            RadvdHelper radvd;
            radvd.AddAnnouncedPrefix(1, prefix[i], 64);
            // Long intervals: the RA after a move answers the RS.
            radvd.GetRadvdInterface(1)->SetMinRtrAdvInterval(30000);
            radvd.GetRadvdInterface(1)->SetMaxRtrAdvInterval(60000);
            for (Ptr<RadvdPrefix> p : radvd.GetRadvdInterface(1)->GetPrefixes())
            {
                if (infiniteLifetimes)
                {
                    p->SetPreferredLifeTime(0xffffffff);
                    p->SetValidLifeTime(0xffffffff);
                }
            }
            ApplicationContainer app = radvd.Install(aps.Get(i));
            app.Start(Seconds(0.1));
        }

        client = CreateObject<MobileSlaacClient>();
        client->SetDevice(stationDevice);
        client->SetAttribute("DadMode", EnumValue(mode));
        client->SetAttribute("DadTimeout", TimeValue(dadTimeout));
        station->AddApplication(client);
        client->SetStartTime(Seconds(0));
        Watch();
    }

    /// Connect the log to the client's trace sources and the link.
    void Watch()
    {
        auto address = [](std::vector<std::pair<Time, Ipv6Address>>* log) {
            return MakeBoundCallback(
                +[](std::vector<std::pair<Time, Ipv6Address>>* l, Ipv6Address a) {
                    l->emplace_back(Simulator::Now(), a);
                },
                log);
        };
        client->TraceConnectWithoutContext("RouterSolicitationSent",
                                           MakeBoundCallback(
                                               +[](Events* e, uint32_t attempt) {
                                                   e->solicitations.emplace_back(Simulator::Now(),
                                                                                 attempt);
                                               },
                                               &events));
        client->TraceConnectWithoutContext("RouterAdvertisementReceived",
                                           MakeBoundCallback(
                                               +[](Events* e, Ipv6Address, Ipv6Address prefix) {
                                                   e->adverts.emplace_back(Simulator::Now(),
                                                                           prefix);
                                               },
                                               &events));
        client->TraceConnectWithoutContext("AddressTentative", address(&events.tentative));
        client->TraceConnectWithoutContext("AddressPreferred", address(&events.preferred));
        client->TraceConnectWithoutContext("AddressUsable", address(&events.usable));
        client->TraceConnectWithoutContext("AddressRetired", address(&events.retired));
        // A raw pointer: a Ptr bound into the device's own callback would
        // keep the device (and the node) alive forever.
        stationDevice->AddLinkChangeCallback(MakeBoundCallback(
            +[](Events* e, NetDevice* device) {
                if (device->IsLinkUp())
                {
                    e->linkUp.push_back(Simulator::Now());
                }
            },
            &events,
            PeekPointer(stationDevice)));
    }

    /**
     * \param when when the station jumps
     * \param ap next to which AP (0 or 1)
     */
    void Move(Time when, uint32_t ap)
    {
        Ptr<MobilityModel> mobility = station->GetObject<MobilityModel>();
        Vector there(ap == 0 ? 5 : 1005, 0, 0);
        Simulator::Schedule(when, [mobility, there]() { mobility->SetPosition(there); });
    }

    /**
     * \param i 0 or 1
     * \return the station's SLAAC address in AP i's prefix (EUI-64 of its MAC)
     */
    Ipv6Address AddressIn(uint32_t i) const
    {
        return Ipv6Address::MakeAutoconfiguredAddress(stationDevice->GetAddress(), prefix[i]);
    }

    /// \return the station's global addresses now
    std::vector<Ipv6Address> GlobalAddresses() const
    {
        Ptr<Ipv6> ipv6 = station->GetObject<Ipv6>();
        uint32_t interface = ipv6->GetInterfaceForDevice(stationDevice);
        std::vector<Ipv6Address> global;
        for (uint32_t i = 0; i < ipv6->GetNAddresses(interface); ++i)
        {
            Ipv6InterfaceAddress a = ipv6->GetAddress(interface, i);
            if (a.GetScope() == Ipv6InterfaceAddress::GLOBAL)
            {
                global.push_back(a.GetAddress());
            }
        }
        return global;
    }

    /// \return the gateways of the station's default routes now
    std::vector<Ipv6Address> DefaultGateways() const
    {
        Ptr<Ipv6StaticRouting> routing =
            Ipv6StaticRoutingHelper().GetStaticRouting(station->GetObject<Ipv6>());
        std::vector<Ipv6Address> gateways;
        for (uint32_t i = 0; i < routing->GetNRoutes(); ++i)
        {
            Ipv6RoutingTableEntry route = routing->GetRoute(i);
            if (route.GetDest() == Ipv6Address::GetAny() && route.IsGateway())
            {
                gateways.push_back(route.GetGateway());
            }
        }
        return gateways;
    }

    /**
     * \param i 0 or 1
     * \return AP i's link-local address (the routers' RAs come from it)
     */
    Ipv6Address RouterOf(uint32_t i) const
    {
        Ptr<Ipv6> ipv6 = aps.Get(i)->GetObject<Ipv6>();
        for (uint32_t a = 0; a < ipv6->GetNAddresses(1); ++a)
        {
            if (ipv6->GetAddress(1, a).GetScope() == Ipv6InterfaceAddress::LINKLOCAL)
            {
                return ipv6->GetAddress(1, a).GetAddress();
            }
        }
        return Ipv6Address::GetAny();
    }
};

/// When the station moves to AP2.
const Time MOVE = Seconds(5);

} // namespace slaac_test

using namespace slaac_test;

BOOST_FIXTURE_TEST_SUITE(slaac_client, NsFixture)

BOOST_DATA_TEST_CASE(each_dad_mode_makes_the_address_usable_when_it_says,
                     bdata::make({MobileSlaacClient::DAD_ON,
                                  MobileSlaacClient::DAD_OPTIMISTIC,
                                  MobileSlaacClient::DAD_OFF}),
                     mode)
{
    const Time dad = MilliSeconds(700);
    Bed bed(mode, dad);
    bed.Move(MOVE, 1);
    Simulator::Stop(Seconds(12));
    Simulator::Run();

    const Ipv6Address first = bed.AddressIn(0);
    const Ipv6Address second = bed.AddressIn(1);
    // The address is configured when the RA arrives: tentative at that instant.
    const Time added = Events::When(bed.events.tentative, second);
    BOOST_REQUIRE(added > MOVE);
    BOOST_TEST(Events::When(bed.events.adverts, Ipv6Address("2001:2::")) == added);
    // DAD ends DadTimeout later (at once without DAD).
    const Time preferred = Events::When(bed.events.preferred, second);
    const Time usable = Events::When(bed.events.usable, second);
    const Time expectedPreferred = added + (mode == MobileSlaacClient::DAD_OFF ? Seconds(0) : dad);
    BOOST_TEST(preferred == expectedPreferred);
    // Usable after DAD with On; at once with Optimistic and Off.
    BOOST_TEST(usable == (mode == MobileSlaacClient::DAD_ON ? expectedPreferred : added));
    // The first address, then the second: the first retired as the second became usable.
    BOOST_TEST(bed.events.usable.size() == 2U);
    BOOST_TEST(bed.events.usable.front().second == first);
    BOOST_TEST(bed.events.retired.size() == 1U);
    BOOST_TEST(Events::When(bed.events.retired, first) == usable);
    BOOST_TEST(bed.client->GetAddress() == second);
    BOOST_TEST(bed.GlobalAddresses() == std::vector<Ipv6Address>{second},
               boost::test_tools::per_element());
    BOOST_TEST(bed.DefaultGateways() == std::vector<Ipv6Address>{bed.RouterOf(1)},
               boost::test_tools::per_element());
    Simulator::Destroy();
}

BOOST_AUTO_TEST_CASE(a_link_up_draws_a_solicitation_that_brings_the_prefix)
{
    Bed bed(MobileSlaacClient::DAD_ON);
    bed.Move(MOVE, 1);
    Simulator::Stop(Seconds(12));
    Simulator::Run();
    // The link came up at AP2 after the move; the first RS followed within
    // SolicitationDelayMax (1 s), and Radvd answered within its 0.5 s
    // (MAX_RA_DELAY_TIME) - long before its next unsolicited RA (>= 16 s).
    BOOST_REQUIRE(!bed.events.linkUp.empty());
    const Time up = bed.events.linkUp.back();
    BOOST_REQUIRE(up > MOVE);
    std::vector<Time> after;
    for (const auto& [time, attempt] : bed.events.solicitations)
    {
        if (time >= up)
        {
            BOOST_TEST(attempt == 0U);
            after.push_back(time);
        }
    }
    BOOST_REQUIRE(after.size() == 1U);
    BOOST_TEST(after.front() - up <= Seconds(1));
    const Time ra = Events::When(bed.events.adverts, Ipv6Address("2001:2::"));
    BOOST_TEST(ra >= after.front());
    BOOST_TEST(ra - after.front() <= MilliSeconds(600));
    Simulator::Destroy();
}

BOOST_AUTO_TEST_CASE(without_an_answer_the_solicitations_stop_after_three)
{
    // AP2 sends no RAs: three RSs 4 s apart, then silence; the first address stays.
    Bed bed(MobileSlaacClient::DAD_ON, Seconds(1), true, false);
    bed.Move(MOVE, 1);
    Simulator::Stop(Seconds(25));
    Simulator::Run();
    const Time up = bed.events.linkUp.back();
    std::vector<std::pair<Time, uint32_t>> after;
    for (const auto& rs : bed.events.solicitations)
    {
        if (rs.first >= up)
        {
            after.push_back(rs);
        }
    }
    BOOST_REQUIRE(after.size() == 3U);
    for (uint32_t i = 0; i < 3; ++i)
    {
        BOOST_TEST(after[i].second == i);
    }
    BOOST_TEST(after[1].first - after[0].first == Seconds(4));
    BOOST_TEST(after[2].first - after[1].first == Seconds(4));
    BOOST_TEST(bed.events.retired.empty());
    BOOST_TEST(bed.client->GetAddress() == bed.AddressIn(0));
    Simulator::Destroy();
}

BOOST_AUTO_TEST_CASE(going_back_restores_the_first_prefix_and_its_route)
{
    // ns-3 alone would keep routing through AP2's router after the return
    // (it skips a default route it already has): retiring removes it.
    Bed bed(MobileSlaacClient::DAD_OPTIMISTIC);
    bed.Move(MOVE, 1);
    bed.Move(Seconds(12), 0);
    Simulator::Stop(Seconds(20));
    Simulator::Run();
    BOOST_TEST(bed.events.usable.size() == 3U);
    BOOST_TEST(bed.events.retired.size() == 2U);
    BOOST_TEST(bed.client->GetAddress() == bed.AddressIn(0));
    BOOST_TEST(bed.GlobalAddresses() == std::vector<Ipv6Address>{bed.AddressIn(0)},
               boost::test_tools::per_element());
    BOOST_TEST(bed.DefaultGateways() == std::vector<Ipv6Address>{bed.RouterOf(0)},
               boost::test_tools::per_element());
    Simulator::Destroy();
}

BOOST_AUTO_TEST_CASE(finite_lifetimes_keep_the_old_address_instead_of_stopping_the_run)
{
    Bed bed(MobileSlaacClient::DAD_ON, Seconds(1), false);
    bed.Move(MOVE, 1);
    Simulator::Stop(Seconds(12));
    Simulator::Run();
    BOOST_TEST(bed.client->GetAddress() == bed.AddressIn(1));
    BOOST_TEST(bed.events.retired.empty());
    std::vector<Ipv6Address> held = bed.GlobalAddresses();
    std::sort(held.begin(), held.end());
    std::vector<Ipv6Address> both{bed.AddressIn(0), bed.AddressIn(1)};
    std::sort(both.begin(), both.end());
    BOOST_TEST(held == both, boost::test_tools::per_element());
    Simulator::Destroy();
}

BOOST_AUTO_TEST_SUITE_END()
