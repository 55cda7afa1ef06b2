/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mobisocket-test
 * The MobiSocket API: negotiation, compatibility with plain TCP, factories
 * and helpers, and every public call with bad input.
 */

#define BOOST_TEST_MODULE mobi_socket_api
#include "mobisocket-test-support.h"

#include "ns3/applications-module.h"

#include <boost/test/unit_test.hpp>

using namespace ns3;

namespace
{

/// Counts MobilityNegotiated outcomes.
struct NegotiationLog
{
    int active{0};  //!< true outcomes
    int refused{0}; //!< false outcomes

    /// \param isActive the outcome
    void Record(bool isActive)
    {
        (isActive ? active : refused)++;
    }
};

/**
 * \param recorders where to look, in order
 * \return the segments they saw that carry the mobility option, in order
 */
std::vector<Segment>
WithOption(std::initializer_list<const SegmentRecorder*> recorders)
{
    std::vector<Segment> out;
    for (const SegmentRecorder* recorder : recorders)
    {
        for (const Segment& s : recorder->segments)
        {
            if (s.mobilityOption)
            {
                out.push_back(s);
            }
        }
    }
    return out;
}

/// Calls by name, each with the errno it left (ERROR_NOTERROR if it succeeded).
using Outcomes = std::vector<std::pair<std::string, Socket::SocketErrno>>;

/**
 * \brief Check each call's errno against what is expected, in order.
 * \param results what the calls left
 * \param expected what they should leave
 */
void
CheckOutcomes(const Outcomes& results, const Outcomes& expected)
{
    BOOST_REQUIRE(results.size() == expected.size());
    for (size_t i = 0; i < expected.size(); ++i)
    {
        BOOST_TEST_CONTEXT(expected[i].first)
        {
            BOOST_TEST(results[i].second == expected[i].second);
        }
    }
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(negotiation, NsFixture)

BOOST_AUTO_TEST_CASE(both_ends_mobile)
{
    WiredRunConfig config;
    WiredRun run(config);
    Ptr<MobiSocket> mh;
    Ptr<MobiSocket> ch;
    Simulator::Schedule(Seconds(0.5), [&]() {
        mh = run.MhSocket();
        ch = run.ChSocket();
    });
    run.Run(Seconds(5));

    BOOST_REQUIRE(mh && ch);
    BOOST_TEST(mh->IsMobilityActive());
    BOOST_TEST(ch->IsMobilityActive());
    // Both ends derive the same token from the two nonces of the handshake.
    BOOST_TEST(mh->GetToken() != 0u);
    BOOST_TEST(mh->GetToken() == ch->GetToken());
    // The accepted socket is a MobiSocket forked from the listener.
    BOOST_TEST(ch->GetInstanceTypeId() == MobiSocket::GetTypeId());
    BOOST_TEST(run.chApp->GetBytesReceived() == 2000000u);
    BOOST_TEST(run.chApp->IsIntact());
    // The option is in the SYN and the SYN+ACK, and nowhere else.
    std::vector<Segment> withOption = WithOption({&run.mhTx, &run.chTx});
    for (const Segment& s : withOption)
    {
        BOOST_TEST((s.flags & TcpHeader::SYN) != 0);
    }
    BOOST_TEST(withOption.size() == 2u);
}

BOOST_AUTO_TEST_CASE(negotiation_trace)
{
    // A socket made by hand: ActivateMobility, then Connect; the trace
    // reports the outcome once, when the handshake completes.
    for (bool peerMobile : {true, false})
    {
        WiredRunConfig config;
        config.chMobile = peerMobile;
        config.mhSendBytes = 0;
        WiredRun run(config);
        Ptr<MobiSocket> s =
            MobiSocketHelper::CreateSocket(run.topology.GetHost(WiredHandoverTopology::MH));
        NegotiationLog log;
        s->TraceConnectWithoutContext("MobilityNegotiated",
                                      MakeCallback(&NegotiationLog::Record, &log));
        BOOST_TEST(s->ActivateMobility() == 0);
        BOOST_TEST(
            s->Connect(InetSocketAddress(run.topology.GetAddress(WiredHandoverTopology::CH, 0),
                                         WiredRun::PORT)) == 0);
        run.Run(Seconds(1));
        BOOST_TEST_CONTEXT("peer mobile " << peerMobile)
        {
            BOOST_TEST(log.active == (peerMobile ? 1 : 0));
            BOOST_TEST(log.refused == (peerMobile ? 0 : 1));
            BOOST_TEST(s->IsMobilityActive() == peerMobile);
        }
        Simulator::Destroy();
    }
}

BOOST_AUTO_TEST_CASE(plain_tcp_server)
{
    // MobiSocket with mobility activated, talking to a stock ns-3 TCP server.
    WiredRunConfig config;
    config.chMobile = false;
    WiredRun run(config);
    run.Run(Seconds(5));
    Ptr<MobiSocket> mh = run.MhSocket();
    BOOST_REQUIRE(mh);
    BOOST_TEST(!mh->IsMobilityActive());
    BOOST_TEST(run.chApp->GetBytesReceived() == 2000000u);
    BOOST_TEST(run.chApp->IsIntact());
    // The server ignored the option: only the SYN carries it.
    BOOST_TEST(WithOption({&run.mhTx, &run.chTx}).size() == 1u);
    // UpdateTcb is refused with a clear error; the connection is untouched.
    BOOST_TEST(mh->UpdateTcb(MobiSocket::DESTINATION,
                             InetSocketAddress(Ipv4Address("10.2.2.2"), 0)) == -1);
    BOOST_TEST(mh->GetErrno() == Socket::ERROR_OPNOTSUPP);
    Address peer;
    mh->GetPeerName(peer);
    BOOST_TEST(AddressOf(peer) == Ipv4Address("10.2.1.2"));
}

BOOST_AUTO_TEST_CASE(plain_tcp_client)
{
    // A stock ns-3 TCP client connecting to a MobiSocket server.
    WiredRunConfig config;
    config.mhMobile = false;
    WiredRun run(config);
    run.Run(Seconds(5));
    Ptr<MobiSocket> ch = run.ChSocket();
    BOOST_REQUIRE(ch);
    BOOST_TEST(!ch->IsMobilityActive());
    BOOST_TEST(run.chApp->GetBytesReceived() == 2000000u);
    BOOST_TEST(WithOption({&run.mhTx, &run.chTx}).size() == 0u);
}

BOOST_AUTO_TEST_CASE(mobility_not_activated)
{
    // Two MobiSockets, neither activates mobility: plain TCP on the wire.
    WiredRunConfig config;
    config.activate = false;
    WiredRun run(config);
    run.Run(Seconds(5));
    BOOST_TEST(!run.MhSocket()->IsMobilityActive());
    BOOST_TEST(!run.ChSocket()->IsMobilityActive());
    BOOST_TEST(run.MhSocket()->UpdateTcb(MobiSocket::SOURCE,
                                         InetSocketAddress(Ipv4Address("10.1.1.2"), 0)) == -1);
    BOOST_TEST(run.MhSocket()->GetErrno() == Socket::ERROR_OPNOTSUPP);
    BOOST_TEST(WithOption({&run.mhTx}).size() == 0u);
}

BOOST_AUTO_TEST_CASE(activate_mobility_timing)
{
    WiredRunConfig config;
    config.activate = false;
    WiredRun run(config);
    int beforeConnect = -2;
    int afterConnect = -2;
    Socket::SocketErrno errnoAfter = Socket::ERROR_NOTERROR;
    // The client socket is created at start time; activate it before the SYN leaves.
    Ptr<Node> mh = run.topology.GetHost(WiredHandoverTopology::MH);
    Ptr<MobiSocket> early = MobiSocketHelper::CreateSocket(mh);
    beforeConnect = early->ActivateMobility();
    BOOST_TEST(early->ActivateMobility() == 0); // idempotent
    Simulator::Schedule(Seconds(1), [&]() {
        afterConnect = run.MhSocket()->ActivateMobility();
        errnoAfter = run.MhSocket()->GetErrno();
    });
    run.Run(Seconds(2));
    BOOST_TEST(beforeConnect == 0);
    BOOST_TEST(afterConnect == -1);
    BOOST_TEST(errnoAfter == Socket::ERROR_ISCONN);
    BOOST_TEST(!run.MhSocket()->IsMobilityActive());
}

BOOST_AUTO_TEST_CASE(stock_applications_get_mobile_sockets)
{
    // BulkSend and PacketSink, unmodified, with MobilityEnabled set through the helper.
    WiredHandoverTopology topology;
    MobiSocketHelper mobi;
    mobi.SetSocketAttribute("MobilityEnabled", BooleanValue(true));
    mobi.Install(topology.GetHosts());
    Ptr<Node> mh = topology.GetHost(WiredHandoverTopology::MH);
    Ptr<Node> ch = topology.GetHost(WiredHandoverTopology::CH);
    PacketSinkHelper sink("ns3::MobiSocketFactory", InetSocketAddress(Ipv4Address::GetAny(), 9));
    ApplicationContainer sinks = sink.Install(ch);
    BulkSendHelper bulk("ns3::MobiSocketFactory",
                        InetSocketAddress(topology.GetAddress(WiredHandoverTopology::CH, 0), 9));
    bulk.SetAttribute("MaxBytes", UintegerValue(5000000));
    ApplicationContainer senders = bulk.Install(mh);
    senders.Start(Seconds(0.1));
    Ptr<MobiSocket> client;
    Ptr<MobiSocket> server;
    Simulator::Schedule(Seconds(1), [&]() {
        // mid-transfer (BulkSend closes its socket when done)
        client =
            DynamicCast<MobiSocket>(DynamicCast<BulkSendApplication>(senders.Get(0))->GetSocket());
        std::list<Ptr<Socket>> accepted =
            DynamicCast<PacketSink>(sinks.Get(0))->GetAcceptedSockets();
        BOOST_REQUIRE(accepted.size() == 1u);
        server = DynamicCast<MobiSocket>(accepted.front());
        BOOST_REQUIRE(client);
        BOOST_REQUIRE(server);
        BOOST_TEST(client->IsMobilityActive());
        BOOST_TEST(server->IsMobilityActive());
        BOOST_TEST(server->GetToken() == client->GetToken());
    });
    Simulator::Stop(Seconds(8));
    Simulator::Run();
    BOOST_TEST(DynamicCast<PacketSink>(sinks.Get(0))->GetTotalRx() == 5000000u);
    BOOST_TEST(client);
}

BOOST_AUTO_TEST_CASE(nodes_without_the_helper_keep_plain_tcp)
{
    WiredHandoverTopology topology;
    MobiSocketHelper mobi;
    mobi.Install(topology.GetHost(WiredHandoverTopology::MH));
    Ptr<Node> ch = topology.GetHost(WiredHandoverTopology::CH);
    BOOST_TEST(!ch->GetObject<MobilityDemux>());
    BOOST_TEST(!ch->GetObject<MobiSocketFactory>());
    BOOST_TEST(ch->GetObject<Ipv4>()->GetProtocol(6) == ch->GetObject<TcpL4Protocol>());
    Ptr<Node> mh = topology.GetHost(WiredHandoverTopology::MH);
    BOOST_TEST(mh->GetObject<Ipv4>()->GetProtocol(6) == mh->GetObject<MobilityDemux>());
    // Installing twice changes nothing.
    Ptr<MobilityDemux> demux = mh->GetObject<MobilityDemux>();
    mobi.Install(mh);
    BOOST_TEST(mh->GetObject<Ipv4>()->GetProtocol(6) == demux);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(bad_input, NsFixture)

BOOST_AUTO_TEST_CASE(calls_on_an_unconnected_socket)
{
    WiredHandoverTopology topology;
    MobiSocketHelper mobi;
    mobi.Install(topology.GetHosts());
    Ptr<MobiSocket> s = MobiSocketHelper::CreateSocket(topology.GetHost(WiredHandoverTopology::MH));
    s->ActivateMobility();
    BOOST_TEST(s->UpdateTcb(MobiSocket::SOURCE, InetSocketAddress(Ipv4Address("10.1.1.2"), 0)) ==
               -1);
    BOOST_TEST(s->GetErrno() == Socket::ERROR_NOTCONN);
    BOOST_TEST(s->ResetTimer() == -1);
    BOOST_TEST(s->GetErrno() == Socket::ERROR_NOTCONN);
    BOOST_TEST(!s->IsMobilityActive());
    // Bound but not connected: still no connection.
    BOOST_TEST(s->Bind(InetSocketAddress(Ipv4Address("10.1.1.2"), 7000)) == 0);
    BOOST_TEST(
        s->UpdateTcb(MobiSocket::DESTINATION, InetSocketAddress(Ipv4Address("10.2.1.2"), 0)) == -1);
    BOOST_TEST(s->GetErrno() == Socket::ERROR_NOTCONN);
}

BOOST_AUTO_TEST_CASE(update_tcb_arguments)
{
    // Every bad call happens mid-transfer; afterwards the transfer must
    // complete intact: a refused call changes nothing.
    WiredRunConfig config;
    config.mhSendBytes = 3000000;
    WiredRun run(config);
    Ptr<Node> mh = run.topology.GetHost(WiredHandoverTopology::MH);
    Outcomes results;
    Address peerBefore;
    Address peerAfter;
    Address localBefore;
    Address localAfter;
    Ptr<Socket> blocker;

    Simulator::Schedule(Seconds(1), [&]() {
        Ptr<MobiSocket> s = run.MhSocket();
        s->GetPeerName(peerBefore);
        s->GetSockName(localBefore);
        auto attempt = [&](const std::string& what, int rc) {
            results.emplace_back(what, rc == -1 ? s->GetErrno() : Socket::ERROR_NOTERROR);
        };
        attempt("ipv6", s->UpdateTcb(MobiSocket::SOURCE, Inet6SocketAddress("2001:db8::1", 0)));
        attempt("not inet", s->UpdateTcb(MobiSocket::SOURCE, Mac48Address("00:00:00:00:00:01")));
        attempt("direction",
                s->UpdateTcb(static_cast<MobiSocket::Direction>(7),
                             InetSocketAddress(Ipv4Address("10.1.1.2"), 0)));
        attempt("any",
                s->UpdateTcb(MobiSocket::DESTINATION, InetSocketAddress(Ipv4Address::GetAny(), 0)));
        attempt("broadcast",
                s->UpdateTcb(MobiSocket::DESTINATION,
                             InetSocketAddress(Ipv4Address::GetBroadcast(), 0)));
        attempt(
            "multicast",
            s->UpdateTcb(MobiSocket::DESTINATION, InetSocketAddress(Ipv4Address("224.0.0.1"), 0)));
        attempt("loopback",
                s->UpdateTcb(MobiSocket::SOURCE, InetSocketAddress(Ipv4Address("127.0.0.1"), 0)));
        attempt("not on node",
                s->UpdateTcb(MobiSocket::SOURCE, InetSocketAddress(Ipv4Address("10.1.2.2"), 0)));
        // A port another socket is bound to.
        blocker = Socket::CreateSocket(mh, TcpSocketFactory::GetTypeId());
        blocker->Bind(InetSocketAddress(Ipv4Address::GetAny(), 6000));
        attempt("port in use",
                s->UpdateTcb(MobiSocket::SOURCE, InetSocketAddress(Ipv4Address("10.1.1.2"), 6000)));
        // Same address and port: accepted, nothing to do.
        attempt("no-op", s->UpdateTcb(MobiSocket::SOURCE, localBefore));
        s->GetPeerName(peerAfter);
        s->GetSockName(localAfter);
    });
    run.Run(Seconds(8));

    Outcomes expected = {
        {"ipv6", Socket::ERROR_AFNOSUPPORT},
        {"not inet", Socket::ERROR_INVAL},
        {"direction", Socket::ERROR_INVAL},
        {"any", Socket::ERROR_INVAL},
        {"broadcast", Socket::ERROR_INVAL},
        {"multicast", Socket::ERROR_INVAL},
        {"loopback", Socket::ERROR_INVAL},
        {"not on node", Socket::ERROR_ADDRNOTAVAIL},
        {"port in use", Socket::ERROR_ADDRINUSE},
        {"no-op", Socket::ERROR_NOTERROR},
    };
    CheckOutcomes(results, expected);
    BOOST_TEST(peerAfter == peerBefore);
    BOOST_TEST(localAfter == localBefore);
    BOOST_TEST(run.chApp->GetBytesReceived() == 3000000u);
    BOOST_TEST(run.chApp->IsIntact());
    BOOST_TEST(!run.mhApp->HasFailed());
}

BOOST_AUTO_TEST_CASE(in_band_update_without_key)
{
    WiredRunConfig config;
    config.signalling = MobiSocket::IN_BAND;
    config.giveKeys = false;
    WiredRun run(config);
    int rc = 0;
    Socket::SocketErrno error = Socket::ERROR_NOTERROR;
    Address localBefore;
    Address localAfter;
    Simulator::Schedule(Seconds(1), [&]() {
        Ptr<MobiSocket> s = run.MhSocket();
        s->GetSockName(localBefore);
        run.topology.Attach(WiredHandoverTopology::MH, 1);
        rc = s->UpdateTcb(
            MobiSocket::SOURCE,
            InetSocketAddress(run.topology.GetAddress(WiredHandoverTopology::MH, 1), 0));
        error = s->GetErrno();
        s->GetSockName(localAfter);
    });
    run.Run(Seconds(5));
    BOOST_TEST(rc == -1);
    BOOST_TEST(error == Socket::ERROR_OPNOTSUPP);
    BOOST_TEST(localAfter == localBefore);
    BOOST_TEST(run.chApp->GetBytesReceived() == 2000000u);
    BOOST_TEST(run.chApp->IsIntact());
}

BOOST_AUTO_TEST_CASE(copy_tcb_arguments)
{
    WiredRunConfig config;
    config.mhSendBytes = 3000000;
    WiredRun run(config);
    Ptr<Node> mh = run.topology.GetHost(WiredHandoverTopology::MH);
    Ptr<Node> ch = run.topology.GetHost(WiredHandoverTopology::CH);
    Outcomes results;
    int bothNull = 0;

    Simulator::Schedule(Seconds(1), [&]() {
        Ptr<MobiSocket> old = run.MhSocket();
        auto attempt = [&](const std::string& what, Ptr<MobiSocket> target, int rc) {
            results.emplace_back(what, rc == -1 ? target->GetErrno() : Socket::ERROR_NOTERROR);
        };
        bothNull = MobiSocket::CopyTcb(nullptr, nullptr);
        Ptr<MobiSocket> fresh = MobiSocketHelper::CreateSocket(mh);
        attempt("null new", old, MobiSocket::CopyTcb(nullptr, old));
        attempt("null old", fresh, MobiSocket::CopyTcb(fresh, nullptr));
        attempt("same", old, MobiSocket::CopyTcb(old, old));
        attempt("unbound new", fresh, MobiSocket::CopyTcb(fresh, old));
        Ptr<MobiSocket> remote = MobiSocketHelper::CreateSocket(ch);
        remote->Bind();
        attempt("other node", remote, MobiSocket::CopyTcb(remote, old));
        Ptr<MobiSocket> listening = MobiSocketHelper::CreateSocket(mh);
        listening->Bind(InetSocketAddress(Ipv4Address::GetAny(), 7100));
        listening->Listen();
        attempt("new listening", listening, MobiSocket::CopyTcb(listening, old));
        Ptr<MobiSocket> unconnected = MobiSocketHelper::CreateSocket(mh);
        Ptr<MobiSocket> target = MobiSocketHelper::CreateSocket(mh);
        target->Bind(InetSocketAddress(Ipv4Address("10.1.1.2"), 7200));
        attempt("old unconnected", target, MobiSocket::CopyTcb(target, unconnected));
    });
    run.Run(Seconds(8));
    BOOST_TEST(bothNull == -1);
    Outcomes expected = {
        {"null new", Socket::ERROR_INVAL},
        {"null old", Socket::ERROR_INVAL},
        {"same", Socket::ERROR_INVAL},
        {"unbound new", Socket::ERROR_INVAL},
        {"other node", Socket::ERROR_INVAL},
        {"new listening", Socket::ERROR_ISCONN},
        {"old unconnected", Socket::ERROR_NOTCONN},
    };
    CheckOutcomes(results, expected);
    BOOST_TEST(run.chApp->GetBytesReceived() == 3000000u);
    BOOST_TEST(run.chApp->IsIntact());
}

BOOST_AUTO_TEST_CASE(copy_tcb_needs_mobility)
{
    WiredRunConfig config;
    config.chMobile = false; // plain TCP peer: mobility not active
    WiredRun run(config);
    int rc = 0;
    Socket::SocketErrno error = Socket::ERROR_NOTERROR;
    Simulator::Schedule(Seconds(1), [&]() {
        Ptr<MobiSocket> target =
            MobiSocketHelper::CreateSocket(run.topology.GetHost(WiredHandoverTopology::MH));
        target->Bind(InetSocketAddress(Ipv4Address("10.1.1.2"), 7300));
        rc = MobiSocket::CopyTcb(target, run.MhSocket());
        error = target->GetErrno();
    });
    run.Run(Seconds(5));
    BOOST_TEST(rc == -1);
    BOOST_TEST(error == Socket::ERROR_OPNOTSUPP);
    BOOST_TEST(run.chApp->GetBytesReceived() == 2000000u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(installation, NsFixture)

BOOST_AUTO_TEST_CASE(a_model_without_its_crypto_agent_stops_with_a_message)
{
    // A MobiSocket on a node no helper prepared must not create an agent with
    // default attributes behind the caller's back: results would depend on
    // the order things were installed in.
    ChildOutcome missing = RunInChild([]() {
        Ptr<Node> node = CreateObject<Node>();
        CryptoAgent::Get(node);
    });
    BOOST_TEST(missing.stopped);
    BOOST_TEST(missing.stderrText.find("has no CryptoAgent") != std::string::npos);
    BOOST_TEST(missing.stderrText.find("CryptoAgent::Install") != std::string::npos);

    ChildOutcome noNode = RunInChild([]() { CryptoAgent::Get(nullptr); });
    BOOST_TEST(noNode.stopped);
    BOOST_TEST(noNode.stderrText.find("no node") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(install_takes_the_defaults_once_and_is_idempotent)
{
    Config::SetDefault("ns3::CryptoAgent::CpuFrequency", DoubleValue(1.6e9));
    Ptr<Node> node = CreateObject<Node>();
    Ptr<CryptoAgent> agent = CryptoAgent::Install(node);
    Config::SetDefault("ns3::CryptoAgent::CpuFrequency", DoubleValue(0.4e9));
    BOOST_TEST(CryptoAgent::Install(node) == agent); // the one already there
    BOOST_TEST(CryptoAgent::Get(node) == agent);
    DoubleValue frequency;
    agent->GetAttribute("CpuFrequency", frequency);
    BOOST_TEST(frequency.Get() == 1.6e9);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(tcb_relocation)

BOOST_AUTO_TEST_CASE(the_copied_fields_were_reviewed_for_this_ns3)
{
    // TransferConnection() copies TcpSocketBase's and TcpSocketState's fields
    // one by one. A field a later ns-3 adds would silently stay behind, so
    // the layouts the list was reviewed against are recorded: when this
    // fails, review the list against the new classes, then add the layout.
    RelocatableTcpSocket::TcbLayout build = RelocatableTcpSocket::GetBuildLayout();
    std::vector<RelocatableTcpSocket::TcbLayout> reviewed =
        RelocatableTcpSocket::GetReviewedLayouts();
    BOOST_TEST_MESSAGE("built against " << build.ns3Version << ": sizeof(TcpSocketBase) "
                                        << build.tcpSocketBase << ", sizeof(TcpSocketState) "
                                        << build.tcpSocketState);
    BOOST_TEST(build.ns3Version == GetNs3Version());
    BOOST_TEST(build.tcpSocketBase == sizeof(TcpSocketBase));
    BOOST_TEST(build.tcpSocketState == sizeof(TcpSocketState));
    bool known = std::find(reviewed.begin(), reviewed.end(), build) != reviewed.end();
    BOOST_TEST(known,
               "TransferConnection() was not reviewed for "
                   << build.ns3Version << " (sizeof(TcpSocketBase) " << build.tcpSocketBase
                   << ", sizeof(TcpSocketState) " << build.tcpSocketState << ")");
}

BOOST_AUTO_TEST_SUITE_END()
