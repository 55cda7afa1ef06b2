/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mobisocket-test
 * IPv6 connections on every socket class of the module: they must work as
 * TCP does (byte-exact), whatever the mobility settings. MobiSocket's
 * mobility works on IPv6 as on IPv4: address changes of either or both ends
 * (application and in-band signalling), port changes, CopyTcb to a second
 * interface, ResetTimer, forged/replayed/truncated AddChanges, plain-TCP
 * peers and bad input. The baselines that relocate IPv4 endpoints only
 * (TCP-R, the redirect daemon) refuse with ERROR_AFNOSUPPORT instead of
 * touching the IPv4 endpoint that an IPv6 connection does not have.
 */

#define BOOST_TEST_MODULE ipv6
#include "ipv6-test-bed.h"
#include "mobisocket-test-support.h"

#include "ns3/point-to-point-module.h"

#include <array>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

using namespace ns3;
namespace bdata = boost::unit_test::data;

/// Test beds and helpers of this suite (named: lambdas in the test cases capture them).
namespace ipv6_test
{

using namespace ipv6_bed;

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

/**
 * \brief Call a function once an application has received some bytes
 *        (checked every millisecond), so that a change happens mid-transfer
 *        whatever the transfer's pace.
 * \param app the receiving application
 * \param bytes how many bytes it must have received
 * \param call what to do then
 */
void
WhenReceived(Ptr<IntegrityApplication> app, uint64_t bytes, std::function<void()> call)
{
    if (app->GetBytesReceived() >= bytes)
    {
        call();
        return;
    }
    Simulator::Schedule(MilliSeconds(1), [app, bytes, call]() { WhenReceived(app, bytes, call); });
}

/**
 * \param address an Inet6SocketAddress \return its IPv6 address
 */
Ipv6Address
Ip6Of(const Address& address)
{
    return Inet6SocketAddress::ConvertFrom(address).GetIpv6();
}

/**
 * \param address an Inet6SocketAddress \return its port
 */
uint16_t
Port6Of(const Address& address)
{
    return Inet6SocketAddress::ConvertFrom(address).GetPort();
}

/// \param socket a socket \return its local address (an Inet6SocketAddress on IPv6)
Address
LocalOf(Ptr<Socket> socket)
{
    Address a;
    socket->GetSockName(a);
    return a;
}

/// \param socket a socket \return its peer's address
Address
PeerOf(Ptr<Socket> socket)
{
    Address a;
    socket->GetPeerName(a);
    return a;
}

/**
 * \brief Put a hand-made URG|ACK segment on the wire over IPv6 from a node's
 *        TCP layer, as an attacker (or a replaying middlebox) would: the
 *        source address may be one the node does not have.
 * \param node the node that sends it
 * \param header the TCP header (ports, sequence numbers); flags and urgent
 *        pointer are set here
 * \param source IP source
 * \param destination IP destination
 * \param payload the segment payload (the control message's bytes)
 */
void
InjectUrgentSegment6(Ptr<Node> node,
                     TcpHeader header,
                     Ipv6Address source,
                     Ipv6Address destination,
                     const std::vector<uint8_t>& payload)
{
    header.SetFlags(TcpHeader::ACK | TcpHeader::URG);
    header.SetUrgentPointer(static_cast<uint16_t>(payload.size()));
    Ptr<Packet> packet = Create<Packet>(payload.data(), payload.size());
    node->GetObject<TcpL4Protocol>()->SendPacket(packet, header, source, destination);
}

/// Calls by name, each with the errno it left (ERROR_NOTERROR if it succeeded).
using Outcomes = std::vector<std::pair<std::string, Socket::SocketErrno>>;

/// \param rc a call's return value \param socket its socket \return its errno, or none
Socket::SocketErrno
ErrnoOf(int rc, Ptr<Socket> socket)
{
    return rc == -1 ? socket->GetErrno() : Socket::ERROR_NOTERROR;
}

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
    std::array<Ipv6SegmentRecorder, 2> wire;
    wire[0].Attach(bed.hosts.Get(0));
    wire[1].Attach(bed.hosts.Get(1));
    auto onWire = [&wire](const std::function<bool(const Segment6&)>& test) {
        return wire[0].Count(test) + wire[1].Count(test);
    };
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
    // MobiSockets with mobility on negotiate it over IPv6 as over IPv4 (the
    // option in the SYN and the SYN+ACK only); the other classes do not
    // offer it where they cannot keep the promise (TCP-R, the redirect
    // daemon relocate IPv4 endpoints only): plain TCP, and so on the wire.
    BOOST_TEST(onWire([](const Segment6&) { return true; }) > 1000);
    BOOST_TEST(onWire([](const Segment6& s) {
                   return s.tcp.HasOption(TcpOptionExperimental::KIND);
               }) == (kind.mobilityEnabled ? 2 : 0));
    BOOST_TEST(negotiated == (kind.mobilityEnabled ? std::vector<bool>{true} : std::vector<bool>{}),
               boost::test_tools::per_element());
    // No key agreement (TCP-R, the redirect daemon) nor signature: nothing
    // was prepared for a move that did not happen.
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

/// \return the mobility calls of the socket classes of the module that
///         relocate IPv4 endpoints only (TCP-R, the redirect daemon)
std::vector<MobilityCalls>
AllMobilityCalls()
{
    std::vector<SocketKind> kinds = AllKinds();
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
    return {{kinds[3], tcpR}, {kinds[4], redirect}};
}

BOOST_DATA_TEST_CASE(mobility_calls_on_an_ipv6_connection_are_refused,
                     bdata::make(AllMobilityCalls()),
                     calls)
{
    // Every call is made mid-transfer; each must refuse with
    // ERROR_AFNOSUPPORT (TCP-R and the redirect daemon relocate IPv4
    // endpoints only; MobiSocket's calls work on IPv6, see
    // mobisocket_calls_on_an_ipv6_connection_succeed) and leave the
    // connection as it was: the transfer completes byte-exact.
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

BOOST_AUTO_TEST_CASE(mobisocket_calls_on_an_ipv6_connection_succeed)
{
    // MobiSocket's calls, made mid-transfer on the MH's socket of an IPv6
    // connection with mobility on (application signalling), where they make
    // sense: updates to the addresses the connection has (nothing to do),
    // ResetTimer, and CopyTcb to a socket bound to the MH's address on
    // another port, the CH being told the new port. Each returns 0 and the
    // transfer completes byte-exact on the new socket.
    Ipv6Bed bed;
    SocketKind kind = AllKinds()[2];
    BOOST_REQUIRE(kind.mobilityEnabled);
    kind.install(bed.hosts);
    const uint64_t bytes = 4000000;
    Transfer transfer(bed, kind, bytes);
    Outcomes outcomes;
    uint64_t receivedAtCalls = 0;
    Ptr<MobiSocket> fresh;
    Ptr<MobiSocket> old;
    uint16_t newPort = 0;
    Simulator::Schedule(Seconds(2.3), [&]() {
        receivedAtCalls = transfer.receiver->GetBytesReceived();
        old = DynamicCast<MobiSocket>(transfer.sender->GetSocket());
        Ptr<MobiSocket> peer = DynamicCast<MobiSocket>(transfer.receiver->GetSocket());
        auto add = [&](const std::string& call, int rc, Ptr<Socket> socket) {
            outcomes.emplace_back(call, ErrnoOf(rc, socket));
        };
        add("UpdateTcb SOURCE v6",
            old->UpdateTcb(MobiSocket::SOURCE, Inet6SocketAddress(bed.mh, 0)),
            old);
        add("UpdateTcb DESTINATION v6",
            old->UpdateTcb(MobiSocket::DESTINATION, Inet6SocketAddress(bed.ch, 0)),
            old);
        add("ResetTimer", old->ResetTimer(), old);
        fresh = MobiSocketHelper::CreateSocket(bed.hosts.Get(0));
        add("Bind", fresh->Bind(Inet6SocketAddress(bed.mh, 0)), fresh);
        newPort = Port6Of(LocalOf(fresh));
        add("CopyTcb", MobiSocket::CopyTcb(fresh, old), fresh);
        transfer.sender->SetSocket(fresh);
        add("peer UpdateTcb DESTINATION v6",
            peer->UpdateTcb(MobiSocket::DESTINATION, Inet6SocketAddress(bed.mh, newPort)),
            peer);
        add("ResetTimer new", fresh->ResetTimer(), fresh);
        add("peer ResetTimer", peer->ResetTimer(), peer);
    });
    Simulator::Stop(Seconds(10));
    Simulator::Run();
    BOOST_TEST(receivedAtCalls > 0U);
    BOOST_TEST(receivedAtCalls < bytes);
    BOOST_TEST(outcomes.size() == 8U);
    for (const auto& [call, error] : outcomes)
    {
        BOOST_TEST_CONTEXT(call)
        {
            BOOST_TEST(error == Socket::ERROR_NOTERROR);
        }
    }
    BOOST_REQUIRE(fresh && old);
    BOOST_TEST(newPort != 0);
    BOOST_TEST(old->GetState() == TcpSocket::CLOSED);
    BOOST_TEST(fresh->GetState() == TcpSocket::ESTABLISHED);
    BOOST_TEST(Port6Of(PeerOf(transfer.receiver->GetSocket())) == newPort);
    BOOST_TEST(!transfer.sender->HasFailed());
    BOOST_TEST(transfer.receiver->GetBytesReceived() == bytes);
    BOOST_TEST(transfer.receiver->IsIntact());
    Simulator::Destroy();
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(ipv6_test_bed, NsFixture)

BOOST_DATA_TEST_CASE(the_two_link_bed_carries_tcp_after_a_move, bdata::make({0, 1, 2}), variant)
{
    // The bed behind the address-change cases, checked with ns-3's TCP so
    // that their failures cannot come from it: after a host has left link 0
    // (variants 0: MH, 1: CH), a new connection works from or to its link 1
    // address and only that address is used; a socket bound to the MH's
    // link 1 device and address (variant 2, as after CopyTcb) keeps working
    // when link 0 fails.
    Ipv6Bed bed(2);
    const uint32_t mover = variant == 1 ? Ipv6Bed::CH : Ipv6Bed::MH;
    Ipv6SegmentRecorder tx[2];
    tx[0].Attach(bed.hosts.Get(Ipv6Bed::MH));
    tx[1].Attach(bed.hosts.Get(Ipv6Bed::CH));
    const uint32_t bytes = 1000000;
    uint64_t received = 0;
    Ptr<Socket> listener =
        Socket::CreateSocket(bed.hosts.Get(Ipv6Bed::CH), TcpSocketFactory::GetTypeId());
    BOOST_REQUIRE(listener->Bind(Inet6SocketAddress(Ipv6Address::GetAny(), 5000)) == 0);
    listener->Listen();
    listener->SetAcceptCallback(
        MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
        MakeLambdaCallback<void, Ptr<Socket>, const Address&>([&](Ptr<Socket> s, const Address&) {
            s->SetRecvCallback(MakeLambdaCallback<void, Ptr<Socket>>([&](Ptr<Socket> r) {
                while (Ptr<Packet> p = r->Recv())
                {
                    received += p->GetSize();
                }
            }));
        }));
    Ptr<Socket> sender =
        Socket::CreateSocket(bed.hosts.Get(Ipv6Bed::MH), TcpSocketFactory::GetTypeId());
    uint32_t queued = 0;
    sender->SetSendCallback(
        MakeLambdaCallback<void, Ptr<Socket>, uint32_t>([&](Ptr<Socket> s, uint32_t available) {
            while (queued < bytes && available > 0)
            {
                uint32_t n = std::min({available, bytes - queued, 1400U});
                int sent = s->Send(Create<Packet>(n));
                if (sent <= 0)
                {
                    break;
                }
                queued += sent;
                available -= sent;
            }
        }));
    Ipv6Address from = bed.address[Ipv6Bed::MH][variant == 0 ? 1 : 0];
    Ipv6Address to = bed.address[Ipv6Bed::CH][variant == 1 ? 1 : 0];
    if (variant == 2)
    {
        from = bed.address[Ipv6Bed::MH][1];
        sender->BindToNetDevice(bed.device[Ipv6Bed::MH][1]);
        BOOST_REQUIRE(sender->Bind(Inet6SocketAddress(from, 0)) == 0);
        Simulator::Schedule(Seconds(2.3), [&]() { bed.SetLinkUp(Ipv6Bed::MH, 0, false); });
    }
    else
    {
        Simulator::Schedule(Seconds(1.5), [&]() {
            bed.SetLinkUp(mover, 0, false);
            bed.LeaveFirstLink(mover);
        });
    }
    Simulator::Schedule(Seconds(2.1),
                        [&]() { BOOST_TEST(sender->Connect(Inet6SocketAddress(to, 5000)) == 0); });
    Simulator::Stop(Seconds(6));
    Simulator::Run();
    BOOST_TEST(queued == bytes);
    BOOST_TEST(received == bytes);
    BOOST_TEST(tx[0].Count([&](const Segment6& s) { return s.source != from; }) == 0);
    BOOST_TEST(tx[0].Count([&](const Segment6& s) { return s.IsData(); }) > 500);
    BOOST_TEST(tx[1].Count([&](const Segment6& s) { return s.source != to; }) == 0);
    BOOST_TEST(tx[1].Count([&](const Segment6& s) { return s.destination == from; }) > 300);
    Simulator::Destroy();
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(ipv6_address_changes, NsFixture)

/// Who moves in a test of address changes.
const char* const MOVERS[] = {"mh", "ch", "both"};

BOOST_DATA_TEST_CASE(byte_exact_across_an_address_change,
                     bdata::make({0, 1, 2}) * bdata::make({0, 1}),
                     movers,
                     inBand)
{
    // The MH, the CH or both get a new global address on their second link
    // (the first fails, then its address is removed) a quarter into a 3 MB
    // upload and a 1 MB download. Application signalling: both move at
    // once. In-band, simultaneous moves cannot meet (each AddChange goes to
    // the address the peer has left, as on IPv4), so the CH moves 150 ms
    // after the MH (its exchange is over by then, the upload is not).
    Ipv6RunConfig config;
    config.signalling = inBand ? MobiSocket::IN_BAND : MobiSocket::APPLICATION;
    Ipv6Run run(config);
    const Time outage = MilliSeconds(100);
    std::vector<uint32_t> hosts = movers == 0   ? std::vector<uint32_t>{Ipv6Bed::MH}
                                  : movers == 1 ? std::vector<uint32_t>{Ipv6Bed::CH}
                                                : std::vector<uint32_t>{Ipv6Bed::MH, Ipv6Bed::CH};
    Time changed[2] = {Seconds(-1), Seconds(-1)}; // [host] when it updated SOURCE
    WhenReceived(run.chApp, 750000, [&]() {
        if (inBand && hosts.size() == 2)
        {
            run.Move({Ipv6Bed::MH}, outage);
            changed[Ipv6Bed::MH] = Simulator::Now() + outage;
            Simulator::Schedule(MilliSeconds(150), [&]() {
                run.Move({Ipv6Bed::CH}, outage);
                changed[Ipv6Bed::CH] = Simulator::Now() + outage;
            });
        }
        else
        {
            run.Move(hosts, outage);
            for (uint32_t host : hosts)
            {
                changed[host] = Simulator::Now() + outage;
            }
        }
    });
    run.Run(Seconds(12));

    BOOST_TEST_CONTEXT(MOVERS[movers] << (inBand ? ", in-band" : ", application"))
    {
        BOOST_TEST(run.updateResults ==
                       std::vector<int>(inBand ? hosts.size() : 2 * hosts.size(), 0),
                   boost::test_tools::per_element());
        BOOST_TEST(run.chApp->GetBytesReceived() == config.mhSendBytes);
        BOOST_TEST(run.mhApp->GetBytesReceived() == config.chSendBytes);
        BOOST_TEST(run.chApp->IsIntact());
        BOOST_TEST(run.mhApp->IsIntact());
        BOOST_TEST(!run.mhApp->HasFailed());
        BOOST_TEST(!run.chApp->HasFailed());
        BOOST_REQUIRE(run.MhSocket());
        BOOST_REQUIRE(run.ChSocket());
        BOOST_TEST(run.MhSocket()->GetState() == TcpSocket::ESTABLISHED);
        BOOST_TEST(run.ChSocket()->GetState() == TcpSocket::ESTABLISHED);
        BOOST_TEST(run.MhSocket()->IsMobilityActive());
        for (uint32_t host : {Ipv6Bed::MH, Ipv6Bed::CH})
        {
            const bool moved = changed[host].IsPositive();
            const Ipv6Address now = run.bed.address[host][moved ? 1 : 0];
            const Ipv6Address old = run.bed.address[host][0];
            BOOST_TEST_CONTEXT("host " << host)
            {
                BOOST_TEST(moved == (std::find(hosts.begin(), hosts.end(), host) != hosts.end()));
                BOOST_TEST(Ip6Of(LocalOf(run.Sock(host))) == now);
                BOOST_TEST(Ip6Of(PeerOf(run.Sock(1 - host))) == now);
                if (!moved)
                {
                    continue;
                }
                // From the change on, the mover sends from its new address only...
                const Time at = changed[host];
                BOOST_TEST(run.tx[host].Count([&](const Segment6& s) {
                    return s.time >= at && s.source == old;
                }) == 0);
                BOOST_TEST(run.tx[host].Count([&](const Segment6& s) {
                    return s.time >= at && s.source == now;
                }) > 100);
                // ... and once the peer knows (30 ms, or an exchange of
                // ~22 ms), the peer sends to it only.
                const Time known = at + MilliSeconds(60);
                BOOST_TEST(run.tx[1 - host].Count([&](const Segment6& s) {
                    return s.time >= known && s.destination == old;
                }) == 0);
                BOOST_TEST(run.tx[1 - host].Count([&](const Segment6& s) {
                    return s.time >= known && s.destination == now;
                }) > 10);
            }
        }
        // In-band: per move one AddChange and one AddConfirm on the wire
        // (URG segments), none retransmitted; with application signalling,
        // no control segment and no signature at all.
        const int moves = inBand ? static_cast<int>(hosts.size()) : 0;
        int urgent[2];
        for (uint32_t host : {Ipv6Bed::MH, Ipv6Bed::CH})
        {
            urgent[host] = run.tx[host].Count(
                [](const Segment6& s) { return (s.flags & TcpHeader::URG) != 0; });
        }
        BOOST_TEST(urgent[0] + urgent[1] == 2 * moves);
        for (uint32_t host : {Ipv6Bed::MH, Ipv6Bed::CH})
        {
            const int own = inBand && changed[host].IsPositive() ? 1 : 0;
            const int peers = inBand && changed[1 - host].IsPositive() ? 1 : 0;
            BOOST_TEST_CONTEXT("host " << host)
            {
                BOOST_TEST(urgent[host] == own + peers);
                BOOST_TEST(run.exchange[host].updateSent == own);
                BOOST_TEST(run.exchange[host].confirmAccepted == own);
                BOOST_TEST(run.exchange[host].updateAccepted == peers);
                BOOST_TEST(run.exchange[host].confirmSent == peers);
                BOOST_TEST(run.exchange[host].rejected == 0);
                BOOST_TEST(run.exchange[host].failed == 0);
                BOOST_TEST(run.Sock(host)->GetAnnouncementTransmissions() == uint32_t(own));
                Ptr<CryptoAgent> agent = run.bed.hosts.Get(host)->GetObject<CryptoAgent>();
                BOOST_TEST(agent->GetCount(CryptoAgent::SIGN) == uint64_t(own + peers));
                BOOST_TEST(agent->GetCount(CryptoAgent::VERIFY) == uint64_t(own + peers));
            }
        }
    }
}

BOOST_DATA_TEST_CASE(port_change, bdata::make({0, 1}), inBand)
{
    // UpdateTcb(SOURCE) with the same address and another port, mid-transfer.
    const uint16_t newPort = 40000;
    Ipv6RunConfig config;
    config.signalling = inBand ? MobiSocket::IN_BAND : MobiSocket::APPLICATION;
    Ipv6Run run(config);
    const Ipv6Address mh = run.bed.mh;
    uint16_t oldPort = 0;
    Time at = Seconds(-1);
    std::vector<int> rc;
    WhenReceived(run.chApp, 750000, [&]() {
        at = Simulator::Now();
        oldPort = Port6Of(LocalOf(run.MhSocket()));
        rc.push_back(
            run.MhSocket()->UpdateTcb(MobiSocket::SOURCE, Inet6SocketAddress(mh, newPort)));
        if (!inBand)
        {
            Simulator::Schedule(MilliSeconds(30), [&]() {
                rc.push_back(run.ChSocket()->UpdateTcb(MobiSocket::DESTINATION,
                                                       Inet6SocketAddress(mh, newPort)));
                run.ChSocket()->ResetTimer();
                run.MhSocket()->ResetTimer();
            });
        }
    });
    run.Run(Seconds(12));

    BOOST_TEST(rc == std::vector<int>(inBand ? 1 : 2, 0), boost::test_tools::per_element());
    BOOST_TEST(oldPort != 0);
    BOOST_TEST(oldPort != newPort);
    BOOST_TEST(Port6Of(LocalOf(run.MhSocket())) == newPort);
    BOOST_TEST(Port6Of(PeerOf(run.ChSocket())) == newPort);
    BOOST_TEST(Ip6Of(PeerOf(run.ChSocket())) == mh);
    BOOST_TEST(run.chApp->GetBytesReceived() == config.mhSendBytes);
    BOOST_TEST(run.mhApp->GetBytesReceived() == config.chSendBytes);
    BOOST_TEST(run.chApp->IsIntact());
    BOOST_TEST(run.mhApp->IsIntact());
    BOOST_TEST(run.MhSocket()->GetState() == TcpSocket::ESTABLISHED);
    // After the change the MH sends from the new port only, the CH (once it
    // knows) to the new port only.
    const Ipv6SegmentRecorder& mhTx = run.tx[Ipv6Bed::MH];
    const Ipv6SegmentRecorder& chTx = run.tx[Ipv6Bed::CH];
    BOOST_TEST(mhTx.Count([&](const Segment6& s) {
        return s.time >= at && s.sourcePort == oldPort;
    }) == 0);
    BOOST_TEST(mhTx.Count([&](const Segment6& s) {
        return s.time >= at && s.sourcePort == newPort && s.IsData();
    }) > 100);
    BOOST_TEST(chTx.Count([&](const Segment6& s) {
        return s.time >= at + MilliSeconds(60) && s.destinationPort == oldPort;
    }) == 0);
    BOOST_TEST(chTx.Count([&](const Segment6& s) {
        return s.time >= at + MilliSeconds(60) && s.destinationPort == newPort;
    }) > 10);
    if (inBand)
    {
        BOOST_TEST(run.exchange[Ipv6Bed::MH].updateSent == 1);
        BOOST_TEST(run.exchange[Ipv6Bed::CH].updateAccepted == 1);
        BOOST_TEST(run.exchange[Ipv6Bed::MH].confirmAccepted == 1);
    }
}

BOOST_DATA_TEST_CASE(copy_tcb_to_a_second_interface, bdata::make({0, 1}), inBand)
{
    // Make-before-break: the MH moves the connection to a socket bound to its
    // second link (another address and port) with CopyTcb; 500 ms later its
    // first link fails.
    const uint16_t newPort = 45000;
    Ipv6RunConfig config;
    config.signalling = inBand ? MobiSocket::IN_BAND : MobiSocket::APPLICATION;
    Ipv6Run run(config);
    Ptr<Node> mh = run.bed.hosts.Get(Ipv6Bed::MH);
    const Ipv6Address oldAddress = run.bed.address[Ipv6Bed::MH][0];
    const Ipv6Address newAddress = run.bed.address[Ipv6Bed::MH][1];
    Ptr<MobiSocket> oldSocket;
    Ptr<MobiSocket> newSocket;
    uint16_t oldPort = 0;
    int bound = -2;
    int rc = -2;
    int peerRc = -2;
    Time at = Seconds(-1);
    WhenReceived(run.chApp, 750000, [&]() {
        at = Simulator::Now();
        oldSocket = run.MhSocket();
        oldPort = Port6Of(LocalOf(oldSocket));
        newSocket = MobiSocketHelper::CreateSocket(mh);
        newSocket->BindToNetDevice(run.bed.device[Ipv6Bed::MH][1]);
        bound = newSocket->Bind(Inet6SocketAddress(newAddress, newPort));
        rc = MobiSocket::CopyTcb(newSocket, oldSocket);
        run.mhApp->SetSocket(newSocket);
        if (!inBand)
        {
            Simulator::Schedule(MilliSeconds(30), [&]() {
                peerRc = run.ChSocket()->UpdateTcb(MobiSocket::DESTINATION,
                                                   Inet6SocketAddress(newAddress, newPort));
                run.ChSocket()->ResetTimer();
                newSocket->ResetTimer();
            });
        }
        Simulator::Schedule(MilliSeconds(500), [&]() { run.bed.SetLinkUp(Ipv6Bed::MH, 0, false); });
    });
    run.Run(Seconds(12));

    BOOST_TEST(bound == 0);
    BOOST_TEST(rc == 0);
    BOOST_TEST(peerRc == (inBand ? -2 : 0));
    BOOST_REQUIRE(oldSocket && newSocket);
    BOOST_TEST(oldSocket->GetState() == TcpSocket::CLOSED);
    BOOST_TEST(newSocket->GetState() == TcpSocket::ESTABLISHED);
    BOOST_TEST(newSocket->IsMobilityActive());
    BOOST_TEST(newSocket->GetToken() == run.ChSocket()->GetToken());
    BOOST_TEST(Ip6Of(PeerOf(run.ChSocket())) == newAddress);
    BOOST_TEST(Port6Of(PeerOf(run.ChSocket())) == newPort);
    BOOST_TEST(run.chApp->GetBytesReceived() == config.mhSendBytes);
    BOOST_TEST(run.mhApp->GetBytesReceived() == config.chSendBytes);
    BOOST_TEST(run.chApp->IsIntact());
    BOOST_TEST(run.mhApp->IsIntact());
    BOOST_TEST(!run.chApp->HasFailed());
    const Ipv6SegmentRecorder& mhTx = run.tx[Ipv6Bed::MH];
    const Ipv6SegmentRecorder& chTx = run.tx[Ipv6Bed::CH];
    // The old socket sends nothing more, not even a FIN or RST...
    BOOST_TEST(mhTx.Count([&](const Segment6& s) {
        return s.time >= at && s.source == oldAddress && s.sourcePort == oldPort;
    }) == 0);
    BOOST_TEST(mhTx.Count([&](const Segment6& s) {
        return s.source == newAddress && s.sourcePort == newPort && s.IsData();
    }) > 100);
    // ... and once the CH knows, its 4-tuple gets no more data.
    BOOST_TEST(chTx.Count([&](const Segment6& s) {
        return s.time >= at + MilliSeconds(60) && s.destination == oldAddress &&
               s.destinationPort == oldPort;
    }) == 0);
    BOOST_TEST(chTx.Count([&](const Segment6& s) {
        return s.destination == newAddress && s.destinationPort == newPort;
    }) > 10);
}

BOOST_DATA_TEST_CASE(reset_timer_timing, bdata::make({0, 1}), resetTimer)
{
    // As on IPv4: a 10 s outage backs the MH's retransmission timer off to
    // 8 s (it fires 1, 3 and 7 s into the outage). With ResetTimer the first
    // segment from the new address leaves at once; without it, at the next
    // expiry of the backed-off timer.
    Ipv6RunConfig config;
    config.mhSendBytes = 3000000;
    config.chSendBytes = 0;
    Ipv6Run run(config);
    Time start = Seconds(-1);
    Time update = Seconds(-1); // the peer's update, then ResetTimer
    std::vector<int> rc;
    WhenReceived(run.chApp, 750000, [&]() {
        start = Simulator::Now();
        run.bed.SetLinkUp(Ipv6Bed::MH, 0, false);
        Simulator::Schedule(Seconds(10), [&]() {
            run.bed.LeaveFirstLink(Ipv6Bed::MH);
            rc.push_back(
                run.MhSocket()->UpdateTcb(MobiSocket::SOURCE,
                                          Inet6SocketAddress(run.bed.address[Ipv6Bed::MH][1], 0)));
            Simulator::Schedule(MilliSeconds(20), [&]() {
                update = Simulator::Now();
                rc.push_back(run.ChSocket()->UpdateTcb(
                    MobiSocket::DESTINATION,
                    Inet6SocketAddress(run.bed.address[Ipv6Bed::MH][1], 0)));
                if (resetTimer)
                {
                    run.ChSocket()->ResetTimer();
                    run.MhSocket()->ResetTimer();
                }
            });
        });
    });
    run.Run(Seconds(45));

    BOOST_TEST(rc == std::vector<int>(2, 0), boost::test_tools::per_element());
    BOOST_REQUIRE(start.IsPositive());
    BOOST_TEST(update == start + Seconds(10) + MilliSeconds(20));
    std::vector<Segment6> before = run.tx[Ipv6Bed::MH].DataFrom(run.bed.address[Ipv6Bed::MH][0]);
    std::vector<Segment6> after = run.tx[Ipv6Bed::MH].DataFrom(run.bed.address[Ipv6Bed::MH][1]);
    BOOST_REQUIRE(!before.empty());
    // The retransmissions of the head segment during the outage, doubling.
    std::vector<Time> retx;
    for (const Segment6& s : before)
    {
        if (s.time > start && s.sequence == before.back().sequence)
        {
            retx.push_back(s.time);
        }
    }
    BOOST_REQUIRE(!after.empty());
    CheckRestartTiming(retx, after.front().time, update, resetTimer);
    BOOST_TEST(run.chApp->GetBytesReceived() == config.mhSendBytes);
    BOOST_TEST(run.chApp->IsIntact());
}

BOOST_AUTO_TEST_CASE(forged_replayed_and_truncated_add_changes_change_nothing)
{
    // The MH changes twice in-band: to its link 1 address (sequence 1), then
    // to another port there (sequence 2). Both genuine AddChanges are taken
    // off the wire and, once the exchanges are over, sent again from the
    // MH's node: the first as it was (a replay: only its sequence number
    // tells it is stale), the second with one byte of its signed part
    // flipped (the sequence number's low byte: fresh, addresses fitting, so
    // only the signature can tell), and cut short after and inside the
    // 20-byte envelope. The bytes are handled as bytes: nothing here depends
    // on the IPv6 AddChange's body layout. (A byte-identical repeat of the
    // last accepted AddChange is a retransmission, answered again by design.)
    const uint16_t newPort = 40000;
    Ipv6RunConfig config;
    config.signalling = MobiSocket::IN_BAND;
    config.mhSendBytes = 4000000;
    Ipv6Run run(config);
    Ptr<Node> mh = run.bed.hosts.Get(Ipv6Bed::MH);
    Ptr<Node> ch = run.bed.hosts.Get(Ipv6Bed::CH);
    const Ipv6Address mhNew = run.bed.address[Ipv6Bed::MH][1];
    Time moved = Seconds(-1);
    int portChange = -2;
    WhenReceived(run.chApp, 750000, [&]() {
        moved = Simulator::Now();
        run.Move({Ipv6Bed::MH}, MilliSeconds(100));
        Simulator::Schedule(MilliSeconds(500), [&]() {
            portChange =
                run.MhSocket()->UpdateTcb(MobiSocket::SOURCE, Inet6SocketAddress(mhNew, newPort));
        });
    });

    /// What the CH had counted at some time.
    struct Counts
    {
        uint32_t replayed{0};         //!< REPLAYED rejects
        uint32_t badAuthenticator{0}; //!< BAD_AUTHENTICATOR rejects
        uint32_t malformed{0};        //!< MALFORMED rejects (socket)
        uint64_t demuxMalformed{0};   //!< MALFORMED drops (demux)
        int confirms{0};              //!< AddConfirms sent
        int accepted{0};              //!< AddChanges accepted
        Address peer;                 //!< the CH's idea of the MH
    };

    auto snapshot = [&]() {
        Counts c;
        Ptr<MobiSocket> s = run.ChSocket();
        c.replayed = s->GetRejectCount(ChangeRejectReason::REPLAYED);
        c.badAuthenticator = s->GetRejectCount(ChangeRejectReason::BAD_AUTHENTICATOR);
        c.malformed = s->GetRejectCount(ChangeRejectReason::MALFORMED);
        c.demuxMalformed = ch->GetObject<MobilityDemux>()->GetDropCount(MobilityDemux::MALFORMED);
        c.confirms = run.exchange[Ipv6Bed::CH].confirmSent;
        c.accepted = run.exchange[Ipv6Bed::CH].updateAccepted;
        c.peer = PeerOf(s);
        return c;
    };
    std::vector<Segment6> genuine;
    std::vector<Counts> counts; // before the first injection, then after each
    const char* const names[] = {"replayed",
                                 "forged",
                                 "truncated after envelope",
                                 "truncated in envelope"};
    Simulator::Schedule(Seconds(4), [&]() {
        for (const Segment6& s : run.tx[Ipv6Bed::MH].segments)
        {
            if (s.flags & TcpHeader::URG)
            {
                genuine.push_back(s);
            }
        }
        BOOST_REQUIRE(genuine.size() == 2u);
        BOOST_REQUIRE(genuine[1].urgent.size() > MobilityControlHeader::COMMON_SIZE + 10);
        std::vector<Segment6> copies{genuine[0], genuine[1], genuine[1], genuine[1]};
        copies[1].urgent[MobilityControlHeader::COMMON_SIZE - 1] ^= 0xff; // sequence, low byte
        copies[2].urgent.resize(MobilityControlHeader::COMMON_SIZE + 10);
        copies[3].urgent.resize(10);
        counts.push_back(snapshot());
        for (size_t i = 0; i < copies.size(); ++i)
        {
            Simulator::Schedule(MilliSeconds(100) * i, [&, copy = copies[i]]() {
                InjectUrgentSegment6(mh, copy.tcp, copy.source, copy.destination, copy.urgent);
                Simulator::Schedule(MilliSeconds(50), [&]() { counts.push_back(snapshot()); });
            });
        }
    });
    run.Run(Seconds(12));

    BOOST_REQUIRE(moved.IsPositive());
    BOOST_TEST(portChange == 0);
    BOOST_REQUIRE(genuine.size() == 2u);
    BOOST_TEST(genuine[0].source == mhNew);
    BOOST_TEST(genuine[1].source == mhNew);
    BOOST_TEST(genuine[1].sourcePort == newPort);
    BOOST_REQUIRE(counts.size() == 5u);
    // Both genuine changes were accepted and answered once before the injections.
    BOOST_TEST(counts[0].accepted == 2);
    BOOST_TEST(counts[0].confirms == 2);
    BOOST_TEST(Ip6Of(counts[0].peer) == mhNew);
    BOOST_TEST(Port6Of(counts[0].peer) == newPort);
    for (size_t i = 1; i < counts.size(); ++i)
    {
        BOOST_TEST_CONTEXT(names[i - 1])
        {
            const Counts& b = counts[i - 1];
            const Counts& a = counts[i];
            BOOST_TEST(a.peer == counts[0].peer); // the CH's TCB did not change
            BOOST_TEST(a.accepted == 2);
            BOOST_TEST(a.confirms == 2); // no AddConfirm answered
            BOOST_TEST(a.replayed - b.replayed == (i == 1 ? 1U : 0U));
            BOOST_TEST(a.badAuthenticator - b.badAuthenticator == (i == 2 ? 1U : 0U));
            BOOST_TEST(a.malformed - b.malformed == (i == 3 ? 1U : 0U));
            BOOST_TEST(a.demuxMalformed - b.demuxMalformed == (i == 4 ? 1U : 0U));
        }
    }
    // On the wire: the CH's two AddConfirms; the MH's two AddChanges and the four injected.
    BOOST_TEST(run.tx[Ipv6Bed::CH].Count(
                   [](const Segment6& s) { return (s.flags & TcpHeader::URG) != 0; }) == 2);
    BOOST_TEST(run.tx[Ipv6Bed::MH].Count(
                   [](const Segment6& s) { return (s.flags & TcpHeader::URG) != 0; }) == 6);
    BOOST_TEST(run.exchange[Ipv6Bed::MH].confirmAccepted == 2);
    BOOST_TEST(run.exchange[Ipv6Bed::MH].rejected == 0);
    BOOST_TEST(run.chApp->GetBytesReceived() == config.mhSendBytes);
    BOOST_TEST(run.chApp->IsIntact());
    BOOST_TEST(!run.mhApp->HasFailed());
    BOOST_TEST(!run.chApp->HasFailed());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(ipv6_plain_tcp, NsFixture)

BOOST_DATA_TEST_CASE(a_plain_tcp_peer_gets_plain_tcp, bdata::make({0, 1}), mobiConnects)
{
    // A MobiSocket with mobility on and ns-3's TCP (on a node without the
    // module) at the other end: the MobiSocket offers mobility in its SYN or
    // SYN+ACK, the peer ignores it, the connection is plain TCP.
    Ipv6RunConfig config;
    config.mhFactory = "ns3::MobiSocketFactory";
    config.chFactory = "ns3::TcpSocketFactory";
    config.mhConnects = mobiConnects;
    Ipv6Run run(config);
    std::vector<bool> negotiated;
    // After the MH's socket exists (2.1 s connecting, at the first SYN when
    // listening), before the handshake can complete.
    auto watch = [&](Ptr<Socket> socket) {
        DynamicCast<MobiSocket>(socket)->TraceConnectWithoutContext(
            "MobilityNegotiated",
            MakeLambdaCallback<void, bool>([&](bool active) { negotiated.push_back(active); }));
    };
    if (mobiConnects)
    {
        Simulator::Schedule(Seconds(2.101), [&]() { watch(run.mhApp->GetSocket()); });
    }
    else
    {
        // The accepted socket is forked during the handshake, out of reach of
        // the trace: its outcome is read when the application gets it.
        run.mhApp->TraceConnectWithoutContext(
            "Connected",
            MakeLambdaCallback<void, Ptr<Socket>>([&](Ptr<Socket> socket) {
                negotiated.push_back(DynamicCast<MobiSocket>(socket)->IsMobilityActive());
            }));
    }
    run.Run(Seconds(10));

    BOOST_TEST(run.chApp->GetBytesReceived() == config.mhSendBytes);
    BOOST_TEST(run.mhApp->GetBytesReceived() == config.chSendBytes);
    BOOST_TEST(run.chApp->IsIntact());
    BOOST_TEST(run.mhApp->IsIntact());
    BOOST_REQUIRE(run.MhSocket());
    BOOST_TEST(!run.MhSocket()->IsMobilityActive());
    BOOST_TEST(negotiated == std::vector<bool>{false}, boost::test_tools::per_element());
    // The connecting MobiSocket offered mobility in its SYN; a listening one
    // only answers an offer, so its SYN+ACK to a plain peer carries none...
    const uint8_t handshake = mobiConnects ? TcpHeader::SYN : TcpHeader::SYN | TcpHeader::ACK;
    BOOST_TEST(run.tx[Ipv6Bed::MH].Count([&](const Segment6& s) {
        return s.flags == handshake && s.mobilityOption;
    }) == (mobiConnects ? 1U : 0U));
    BOOST_TEST(run.tx[Ipv6Bed::MH].Count([](const Segment6& s) {
        return s.mobilityOption && !(s.flags & TcpHeader::SYN);
    }) == 0);
    // ... the plain peer sent no option, and nobody sent a control message.
    BOOST_TEST(run.tx[Ipv6Bed::CH].segments.size() > 100u);
    BOOST_TEST(run.tx[Ipv6Bed::CH].Count([](const Segment6& s) { return s.mobilityOption; }) == 0);
    for (uint32_t host : {Ipv6Bed::MH, Ipv6Bed::CH})
    {
        BOOST_TEST(run.tx[host].Count(
                       [](const Segment6& s) { return (s.flags & TcpHeader::URG) != 0; }) == 0);
    }
    // A mobility call on the plain connection is refused as on IPv4.
    BOOST_TEST(run.MhSocket()->UpdateTcb(MobiSocket::SOURCE,
                                         Inet6SocketAddress(run.bed.address[Ipv6Bed::MH][1], 0)) ==
               -1);
    BOOST_TEST(run.MhSocket()->GetErrno() == Socket::ERROR_OPNOTSUPP);
}

BOOST_AUTO_TEST_CASE(no_handover_same_segments_as_tcp)
{
    // With mobility active and no handover the wire carries exactly what
    // ns-3's TCP sends over IPv6 (apart from the SYN and SYN+ACK option),
    // and nothing is signed.
    std::vector<std::vector<Segment6>> wire;
    std::vector<uint64_t> signatures;
    std::vector<bool> active;
    for (bool mobile : {false, true})
    {
        Ipv6RunConfig config;
        config.mhFactory = mobile ? "ns3::MobiSocketFactory" : "ns3::TcpSocketFactory";
        config.chFactory = config.mhFactory;
        config.mhSendBytes = 2000000;
        config.chSendBytes = 200000;
        Ipv6Run run(config);
        run.Run(Seconds(8));
        BOOST_TEST(run.chApp->GetBytesReceived() == 2000000u);
        BOOST_TEST(run.mhApp->GetBytesReceived() == 200000u);
        std::vector<Segment6> all = run.tx[Ipv6Bed::MH].segments;
        all.insert(all.end(),
                   run.tx[Ipv6Bed::CH].segments.begin(),
                   run.tx[Ipv6Bed::CH].segments.end());
        wire.push_back(all);
        uint64_t n = 0;
        for (uint32_t h : {Ipv6Bed::MH, Ipv6Bed::CH})
        {
            if (Ptr<CryptoAgent> agent = run.bed.hosts.Get(h)->GetObject<CryptoAgent>())
            {
                n += agent->GetCount(CryptoAgent::SIGN) + agent->GetCount(CryptoAgent::VERIFY);
            }
        }
        signatures.push_back(n);
        if (mobile)
        {
            active.push_back(run.MhSocket()->IsMobilityActive());
            active.push_back(run.ChSocket()->IsMobilityActive());
        }
        Simulator::Destroy();
    }
    BOOST_TEST(signatures[1] == 0u);
    BOOST_TEST(active == std::vector<bool>(2, true), boost::test_tools::per_element());
    BOOST_TEST(wire[0].size() > 1000u);
    BOOST_REQUIRE(wire[0].size() == wire[1].size());
    int mismatches = 0;
    int optionDifferences = 0;
    Time maxShift;
    for (size_t i = 0; i < wire[0].size(); ++i)
    {
        const Segment6& a = wire[0][i];
        const Segment6& b = wire[1][i];
        optionDifferences += a.mobilityOption != b.mobilityOption;
        mismatches += !(a.flags == b.flags && a.sequence == b.sequence && a.ack == b.ack &&
                        a.payload == b.payload && a.sourcePort == b.sourcePort &&
                        a.destinationPort == b.destinationPort && a.source == b.source &&
                        a.destination == b.destination);
        maxShift = Max(maxShift, Abs(a.time - b.time));
    }
    BOOST_TEST(mismatches == 0);
    BOOST_TEST(optionDifferences == 2); // SYN and SYN+ACK
    // The SYN and SYN+ACK are 12 bytes longer: 2 x 2 links x 0.96 us at 100 Mb/s.
    BOOST_TEST(maxShift <= MicroSeconds(8));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(ipv6_bad_input, NsFixture)

BOOST_AUTO_TEST_CASE(update_tcb_arguments_on_an_ipv6_connection)
{
    // Every bad call happens mid-transfer on an established IPv6 connection
    // with mobility active; each is refused and changes nothing: the
    // transfer completes intact.
    Ipv6RunConfig config;
    config.mhSendBytes = 4000000;
    Ipv6Run run(config);
    Ptr<Node> mh = run.bed.hosts.Get(Ipv6Bed::MH);
    Outcomes results;
    Address peerBefore;
    Address localBefore;
    Address peerAfter;
    Address localAfter;
    bool activeAtCalls = false;
    WhenReceived(run.chApp, 750000, [&]() {
        Ptr<MobiSocket> s = run.MhSocket();
        activeAtCalls = s->IsMobilityActive();
        peerBefore = PeerOf(s);
        localBefore = LocalOf(s);
        auto attempt = [&](const std::string& what, int rc) {
            results.emplace_back(what, ErrnoOf(rc, s));
        };
        Ptr<Ipv6> ipv6 = mh->GetObject<Ipv6>();
        Ipv6Address linkLocal = ipv6->GetAddress(run.bed.interface[Ipv6Bed::MH][0], 0).GetAddress();
        BOOST_REQUIRE(linkLocal.IsLinkLocal());
        const auto src = MobiSocket::SOURCE;
        const auto dst = MobiSocket::DESTINATION;
        // ::ffff:10.1.1.1 (ns-3's parser does not read the dotted form)
        const Ipv6Address mapped = Ipv6Address::MakeIpv4MappedAddress(Ipv4Address("10.1.1.1"));
        BOOST_REQUIRE(mapped.IsIpv4MappedAddress());
        attempt("not on node", s->UpdateTcb(src, Inet6SocketAddress("2001:9::1", 0)));
        attempt("ipv4 source", s->UpdateTcb(src, InetSocketAddress(Ipv4Address("10.1.1.1"), 0)));
        attempt("ipv4 destination",
                s->UpdateTcb(dst, InetSocketAddress(Ipv4Address("10.1.1.1"), 0)));
        attempt("v4-mapped source", s->UpdateTcb(src, Inet6SocketAddress(mapped, 0)));
        attempt("v4-mapped destination", s->UpdateTcb(dst, Inet6SocketAddress(mapped, 0)));
        attempt("any source", s->UpdateTcb(src, Inet6SocketAddress(Ipv6Address::GetAny(), 0)));
        attempt("any destination", s->UpdateTcb(dst, Inet6SocketAddress(Ipv6Address::GetAny(), 0)));
        attempt("link-local source", s->UpdateTcb(src, Inet6SocketAddress(linkLocal, 0)));
        attempt("link-local destination", s->UpdateTcb(dst, Inet6SocketAddress("fe80::1", 0)));
        attempt("multicast source", s->UpdateTcb(src, Inet6SocketAddress("ff02::1", 0)));
        attempt("multicast destination", s->UpdateTcb(dst, Inet6SocketAddress("ff02::1", 0)));
        attempt("loopback source", s->UpdateTcb(src, Inet6SocketAddress("::1", 0)));
        attempt("loopback destination", s->UpdateTcb(dst, Inet6SocketAddress("::1", 0)));
        // CopyTcb to a socket bound to IPv4, from the IPv6 connection.
        Ptr<MobiSocket> v4 = MobiSocketHelper::CreateSocket(mh);
        BOOST_TEST(v4->Bind() == 0);
        results.emplace_back("copy to ipv4 socket", ErrnoOf(MobiSocket::CopyTcb(v4, s), v4));
        // Same address and port: accepted, nothing to do.
        attempt("no-op", s->UpdateTcb(src, localBefore));
        peerAfter = PeerOf(s);
        localAfter = LocalOf(s);
    });
    run.Run(Seconds(10));

    const Outcomes expected = {
        {"not on node", Socket::ERROR_ADDRNOTAVAIL},
        {"ipv4 source", Socket::ERROR_AFNOSUPPORT},
        {"ipv4 destination", Socket::ERROR_AFNOSUPPORT},
        {"v4-mapped source", Socket::ERROR_AFNOSUPPORT},
        {"v4-mapped destination", Socket::ERROR_AFNOSUPPORT},
        {"any source", Socket::ERROR_INVAL},
        {"any destination", Socket::ERROR_INVAL},
        {"link-local source", Socket::ERROR_INVAL},
        {"link-local destination", Socket::ERROR_INVAL},
        {"multicast source", Socket::ERROR_INVAL},
        {"multicast destination", Socket::ERROR_INVAL},
        {"loopback source", Socket::ERROR_INVAL},
        {"loopback destination", Socket::ERROR_INVAL},
        {"copy to ipv4 socket", Socket::ERROR_AFNOSUPPORT},
        {"no-op", Socket::ERROR_NOTERROR},
    };
    BOOST_TEST(activeAtCalls);
    BOOST_REQUIRE(results.size() == expected.size());
    for (size_t i = 0; i < expected.size(); ++i)
    {
        BOOST_TEST_CONTEXT(expected[i].first)
        {
            BOOST_TEST(results[i].first == expected[i].first);
            BOOST_TEST(results[i].second == expected[i].second);
        }
    }
    BOOST_TEST(peerAfter == peerBefore);
    BOOST_TEST(localAfter == localBefore);
    BOOST_TEST(Ip6Of(localBefore) == run.bed.mh);
    BOOST_TEST(run.chApp->GetBytesReceived() == config.mhSendBytes);
    BOOST_TEST(run.mhApp->GetBytesReceived() == config.chSendBytes);
    BOOST_TEST(run.chApp->IsIntact());
    BOOST_TEST(run.mhApp->IsIntact());
    BOOST_TEST(!run.mhApp->HasFailed());
}

BOOST_AUTO_TEST_CASE(ipv6_arguments_on_an_ipv4_connection)
{
    // The reverse mix, on the IPv4 wired bed: an IPv6 address for an IPv4
    // connection (as mobi-socket-api's update_tcb_arguments asserts), and a
    // CopyTcb to a socket bound to IPv6.
    WiredRunConfig config;
    config.mhSendBytes = 3000000;
    WiredRun run(config);
    Ptr<Node> mh = run.topology.GetHost(WiredHandoverTopology::MH);
    Outcomes results;
    Address localBefore;
    Address localAfter;
    int bound = -2;
    Simulator::Schedule(Seconds(1), [&]() {
        Ptr<MobiSocket> s = run.MhSocket();
        s->GetSockName(localBefore);
        results.emplace_back(
            "ipv6 source",
            ErrnoOf(s->UpdateTcb(MobiSocket::SOURCE, Inet6SocketAddress("2001:1::1", 0)), s));
        results.emplace_back(
            "ipv6 destination",
            ErrnoOf(s->UpdateTcb(MobiSocket::DESTINATION, Inet6SocketAddress("2001:2::1", 0)), s));
        Ptr<MobiSocket> v6 = MobiSocketHelper::CreateSocket(mh);
        bound = v6->Bind6();
        results.emplace_back("copy to ipv6 socket", ErrnoOf(MobiSocket::CopyTcb(v6, s), v6));
        s->GetSockName(localAfter);
    });
    run.Run(Seconds(8));

    BOOST_TEST(bound == 0);
    const Outcomes expected = {{"ipv6 source", Socket::ERROR_AFNOSUPPORT},
                               {"ipv6 destination", Socket::ERROR_AFNOSUPPORT},
                               {"copy to ipv6 socket", Socket::ERROR_AFNOSUPPORT}};
    BOOST_REQUIRE(results.size() == expected.size());
    for (size_t i = 0; i < expected.size(); ++i)
    {
        BOOST_TEST_CONTEXT(expected[i].first)
        {
            BOOST_TEST(results[i].second == expected[i].second);
        }
    }
    BOOST_TEST(localAfter == localBefore);
    BOOST_TEST(run.MhSocket()->GetState() == TcpSocket::ESTABLISHED);
    BOOST_TEST(run.chApp->GetBytesReceived() == 3000000u);
    BOOST_TEST(run.chApp->IsIntact());
}

BOOST_AUTO_TEST_SUITE_END()
