/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mobisocket-test
 * IPv6 connections on every socket class of the module: they must work as
 * TCP does (byte-exact), whatever the mobility settings, and the mobility
 * calls the module does not support on IPv6 yet must refuse with
 * ERROR_AFNOSUPPORT instead of touching the IPv4 endpoint that an IPv6
 * connection does not have.
 */

#define BOOST_TEST_MODULE ipv6
#include "mobisocket-test-support.h"

#include "ns3/point-to-point-module.h"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

using namespace ns3;
namespace bdata = boost::unit_test::data;

/// Test beds and helpers of this suite (named: lambdas in the test cases capture them).
namespace ipv6_test
{

/// One socket class of the module, as an application asks for it.
struct SocketKind
{
    std::string name;                           //!< for the test's context
    std::string factory;                        //!< the factory's TypeId name
    std::function<void(NodeContainer)> install; //!< installs the model on the hosts
    bool mobilityEnabled{false};                //!< MobiSocket::MobilityEnabled (MobiSocket only)

    /// \param os stream \param kind kind \return os
    friend std::ostream& operator<<(std::ostream& os, const SocketKind& kind)
    {
        return os << kind.name;
    }
};

/// \return ns-3's TCP (the reference) and every socket class of the module,
///         MobiSocket with mobility off and on
std::vector<SocketKind>
AllKinds()
{
    auto mobi = [](bool on) {
        return SocketKind{on ? "mobisocket-mobility-on" : "mobisocket-mobility-off",
                          "ns3::MobiSocketFactory",
                          [on](NodeContainer hosts) {
                              MobiSocketHelper helper;
                              helper.SetSocketAttribute("MobilityEnabled", BooleanValue(on));
                              helper.Install(hosts);
                          },
                          on};
    };
    return {{"ns-3-tcp", "ns3::TcpSocketFactory", [](NodeContainer) {}},
            mobi(false),
            mobi(true),
            {"tcp-r",
             "ns3::TcpRSocketFactory",
             [](NodeContainer hosts) { TcpRHelper().Install(hosts); }},
            {"redirect", "ns3::RedirectSocketFactory", [](NodeContainer hosts) {
                 RedirectDaemonHelper().Install(hosts);
             }}};
}

/**
 * \brief MH - router - CH over point-to-point links, dual-stack nodes with
 *        IPv6 addresses only: global addresses 2001:1::/64 (MH side) and 2001:2::/64 (CH side). Not
 *        2001:db8::/32: ns-3 routers drop the documentation prefix
 *        (Ipv6L3Protocol::IpForward).
 */
struct Ipv6Bed
{
    NodeContainer hosts; //!< MH (0) and CH (1)
    Ptr<Node> router;    //!< the router
    Ipv6Address mh;      //!< MH's global address
    Ipv6Address ch;      //!< CH's global address

    Ipv6Bed()
    {
        hosts.Create(2);
        router = CreateObject<Node>();
        InternetStackHelper stack;
        stack.Install(hosts);
        stack.Install(router);
        PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
        p2p.SetChannelAttribute("Delay", StringValue("5ms"));
        Ipv6AddressHelper address;
        address.SetBase(Ipv6Address("2001:1::"), Ipv6Prefix(64));
        Ipv6InterfaceContainer mhSide = address.Assign(p2p.Install(hosts.Get(0), router));
        address.SetBase(Ipv6Address("2001:2::"), Ipv6Prefix(64));
        Ipv6InterfaceContainer chSide = address.Assign(p2p.Install(hosts.Get(1), router));
        mhSide.SetForwarding(1, true);
        chSide.SetForwarding(1, true);
        mhSide.SetDefaultRouteInAllNodes(1);
        chSide.SetDefaultRouteInAllNodes(1);
        mh = mhSide.GetAddress(0, 1);
        ch = chSide.GetAddress(0, 1);
    }
};

/// The IPv6 TCP segments the hosts send: how many, and how many carry an
/// RFC 6994 experimental option (the mobility negotiation of every scheme).
struct Ipv6SegmentCount
{
    uint32_t segments{0};   //!< TCP segments sent over IPv6
    uint32_t withOption{0}; //!< of which with an experimental option (kind 253)

    /// \param nodes the nodes whose IPv6 Tx trace to follow
    void Attach(NodeContainer nodes)
    {
        for (uint32_t i = 0; i < nodes.GetN(); ++i)
        {
            nodes.Get(i)->GetObject<Ipv6L3Protocol>()->TraceConnectWithoutContext(
                "Tx",
                MakeCallback(&Ipv6SegmentCount::Tx, this));
        }
    }

    /// Ipv6L3Protocol Tx trace sink \param packet the packet with its IP header
    void Tx(Ptr<const Packet> packet, Ptr<Ipv6> /* ipv6 */, uint32_t /* interface */)
    {
        Ptr<Packet> copy = packet->Copy();
        Ipv6Header ip;
        copy->RemoveHeader(ip);
        if (ip.GetNextHeader() != TcpL4Protocol::PROT_NUMBER)
        {
            return;
        }
        TcpHeader tcp;
        copy->RemoveHeader(tcp);
        ++segments;
        withOption += tcp.HasOption(TcpOptionExperimental::KIND) ? 1 : 0;
    }
};

/// A sender on the MH and a receiver on the CH, both checking the pattern.
struct Transfer
{
    Ptr<IntegrityApplication> sender;   //!< on the MH
    Ptr<IntegrityApplication> receiver; //!< on the CH

    /**
     * \param bed the test bed
     * \param kind the socket class
     * \param bytes bytes to send
     */
    Transfer(const Ipv6Bed& bed, const SocketKind& kind, uint64_t bytes)
    {
        const uint16_t port = 5000;
        receiver = CreateObject<IntegrityApplication>();
        receiver->SetAttribute("Protocol", TypeIdValue(TypeId::LookupByName(kind.factory)));
        receiver->SetAttribute("Local",
                               AddressValue(Inet6SocketAddress(Ipv6Address::GetAny(), port)));
        bed.hosts.Get(1)->AddApplication(receiver);
        receiver->SetStartTime(Seconds(2));
        sender = CreateObject<IntegrityApplication>();
        sender->SetAttribute("Protocol", TypeIdValue(TypeId::LookupByName(kind.factory)));
        sender->SetAttribute("Remote", AddressValue(Inet6SocketAddress(bed.ch, port)));
        sender->SetAttribute("SendBytes", UintegerValue(bytes));
        bed.hosts.Get(0)->AddApplication(sender);
        sender->SetStartTime(Seconds(2.1));
    }
};

} // namespace ipv6_test

using namespace ipv6_test;

BOOST_FIXTURE_TEST_SUITE(plain_ipv6_connections, NsFixture)

BOOST_DATA_TEST_CASE(a_transfer_over_ipv6_is_byte_exact, bdata::make(AllKinds()), kind)
{
    // The crash: with mobility on, the first segment the MobiSocket
    // received over IPv6 made it read the null IPv4 endpoint (SIGSEGV).
    Ipv6Bed bed;
    kind.install(bed.hosts);
    const uint64_t bytes = 2000000;
    Transfer transfer(bed, kind, bytes);
    Ipv6SegmentCount wire;
    wire.Attach(bed.hosts);
    std::vector<bool> negotiated;
    // After the sender's socket exists (2.1 s), before the SYN+ACK can come back.
    Simulator::Schedule(Seconds(2.101), [&]() {
        if (Ptr<MobiSocket> mobi = DynamicCast<MobiSocket>(transfer.sender->GetSocket()))
        {
            mobi->TraceConnectWithoutContext(
                "MobilityNegotiated",
                MakeBoundCallback(
                    +[](std::vector<bool>* log, bool active) { log->push_back(active); },
                    &negotiated));
        }
    });
    Simulator::Stop(Seconds(10));
    Simulator::Run();
    BOOST_TEST(!transfer.sender->HasFailed());
    BOOST_TEST(transfer.sender->GetBytesSent() == bytes);
    BOOST_TEST(transfer.receiver->GetBytesReceived() == bytes);
    BOOST_TEST(transfer.receiver->IsIntact());
    // Mobility is not offered where the module cannot keep the promise:
    // the connection is plain TCP, and says so on the wire.
    BOOST_TEST(wire.segments > 1000U);
    BOOST_TEST(wire.withOption == 0U);
    // A MobiSocket that offered mobility learns that it is not active.
    BOOST_TEST(negotiated ==
                   (kind.mobilityEnabled ? std::vector<bool>{false} : std::vector<bool>{}),
               boost::test_tools::per_element());
    // No key agreement (TCP-R, the redirect daemon) nor signature: nothing
    // was prepared for a move that cannot happen.
    for (uint32_t i = 0; i < bed.hosts.GetN(); ++i)
    {
        if (Ptr<CryptoAgent> agent = bed.hosts.Get(i)->GetObject<CryptoAgent>())
        {
            for (int op = 0; op < CryptoAgent::N_OPERATIONS; ++op)
            {
                BOOST_TEST(agent->GetCount(static_cast<CryptoAgent::Operation>(op)) == 0U);
            }
        }
    }
    Simulator::Destroy();
}

/// Calls by name, each with the errno it left (ERROR_NOTERROR if it succeeded).
using Outcomes = std::vector<std::pair<std::string, Socket::SocketErrno>>;

/// A socket class of the module with its mobility calls, made on the MH's
/// socket of an established IPv6 connection.
struct MobilityCalls
{
    SocketKind kind;                                           //!< the socket class
    std::function<Outcomes(Ptr<Socket>, const Ipv6Bed&)> make; //!< makes the calls

    /// \param os stream \param calls calls \return os
    friend std::ostream& operator<<(std::ostream& os, const MobilityCalls& calls)
    {
        return os << calls.kind;
    }
};

/// \param rc a call's return value \param socket its socket \return its errno, or none
Socket::SocketErrno
ErrnoOf(int rc, Ptr<Socket> socket)
{
    return rc == -1 ? socket->GetErrno() : Socket::ERROR_NOTERROR;
}

/// \return every mobility call of each socket class of the module
std::vector<MobilityCalls>
AllMobilityCalls()
{
    std::vector<SocketKind> kinds = AllKinds();
    auto mobi = [](Ptr<Socket> socket, const Ipv6Bed& bed) {
        Ptr<MobiSocket> s = DynamicCast<MobiSocket>(socket);
        Ptr<MobiSocket> fresh = MobiSocketHelper::CreateSocket(bed.hosts.Get(0));
        fresh->Bind6();
        return Outcomes{
            {"UpdateTcb SOURCE v6",
             ErrnoOf(s->UpdateTcb(MobiSocket::SOURCE, Inet6SocketAddress(bed.mh, 0)), s)},
            {"UpdateTcb DESTINATION v6",
             ErrnoOf(s->UpdateTcb(MobiSocket::DESTINATION, Inet6SocketAddress(bed.ch, 0)), s)},
            {"UpdateTcb SOURCE v4",
             ErrnoOf(
                 s->UpdateTcb(MobiSocket::SOURCE, InetSocketAddress(Ipv4Address("10.9.9.9"), 0)),
                 s)},
            {"ResetTimer", ErrnoOf(s->ResetTimer(), s)},
            {"CopyTcb", ErrnoOf(MobiSocket::CopyTcb(fresh, s), s)}};
    };
    auto tcpR = [](Ptr<Socket> socket, const Ipv6Bed& bed) {
        Ptr<TcpRSocket> s = DynamicCast<TcpRSocket>(socket);
        TcpRHelper::NotifyAddressLost(bed.hosts.Get(0));
        // The helper skips the IPv6 connection: it redirects none.
        BOOST_TEST(TcpRHelper::NotifyNewAddress(bed.hosts.Get(0), Ipv4Address("10.9.9.9")) == 0U);
        return Outcomes{
            {"NotifyNewAddress", ErrnoOf(s->NotifyNewAddress(Ipv4Address("10.9.9.9")), s)}};
    };
    auto redirect = [](Ptr<Socket> socket, const Ipv6Bed&) {
        Ptr<RedirectableTcpSocket> s = DynamicCast<RedirectableTcpSocket>(socket);
        return Outcomes{
            {"RedirectSource", ErrnoOf(s->RedirectSource(Ipv4Address("10.9.9.9")), s)},
            {"RedirectDestination", ErrnoOf(s->RedirectDestination(Ipv4Address("10.9.9.9"), 0), s)},
            {"Resume", ErrnoOf(s->Resume(), s)}};
    };
    return {{kinds[2], mobi}, {kinds[3], tcpR}, {kinds[4], redirect}};
}

BOOST_DATA_TEST_CASE(mobility_calls_on_an_ipv6_connection_are_refused,
                     bdata::make(AllMobilityCalls()),
                     calls)
{
    // Every call is made mid-transfer; each must refuse with
    // ERROR_AFNOSUPPORT (the schemes relocate IPv4 endpoints only) and leave
    // the connection as it was: the transfer completes byte-exact.
    Ipv6Bed bed;
    calls.kind.install(bed.hosts);
    const uint64_t bytes = 4000000;
    Transfer transfer(bed, calls.kind, bytes);
    Outcomes outcomes;
    uint64_t receivedAtCalls = 0;
    Simulator::Schedule(Seconds(2.3), [&]() {
        receivedAtCalls = transfer.receiver->GetBytesReceived();
        outcomes = calls.make(transfer.sender->GetSocket(), bed);
    });
    Simulator::Stop(Seconds(10));
    Simulator::Run();
    BOOST_TEST(receivedAtCalls > 0U);
    BOOST_TEST(receivedAtCalls < bytes);
    BOOST_TEST(!outcomes.empty());
    for (const auto& [call, error] : outcomes)
    {
        BOOST_TEST_CONTEXT(call)
        {
            BOOST_TEST(error == Socket::ERROR_AFNOSUPPORT);
        }
    }
    BOOST_TEST(transfer.receiver->GetBytesReceived() == bytes);
    BOOST_TEST(transfer.receiver->IsIntact());
    Simulator::Destroy();
}

BOOST_AUTO_TEST_SUITE_END()
