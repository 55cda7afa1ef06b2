/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mobisocket-test
 * The redirect-daemon baseline (Prevelakis and Ioannidis, ISC 2006) on the
 * wired test bed (MH - R - CH, 10 Mb/s, 5 ms per link, so a 20 ms round
 * trip): a prepared connection survives a move, a young one is lost, the
 * preparation cost counts the long connections only, forged and replayed
 * redirects change nothing, and both ends moving at once fails.
 */

#define BOOST_TEST_MODULE redirect_daemon
#include "mobisocket-test-support.h"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

using namespace ns3;
namespace bdata = boost::unit_test::data;

/// Helpers of this suite (a named namespace: the data test cases'
/// templates capture these types).
namespace redirect_test
{

const uint16_t DAEMON_PORT = 7700; //!< the daemons' default port

/// Records trace events.
struct Events
{
    std::vector<Time> times; //!< when each event happened

    /// Record an event with no argument.
    void Hit()
    {
        times.push_back(Simulator::Now());
    }

    /**
     * \brief Record a per-connection event.
     * \param id the connection id (ignored)
     */
    void HitId(uint64_t /* id */)
    {
        Hit();
    }

    /// \param h the update (ignored)
    void HitUpdate(const AddressUpdateHeader& h)
    {
        Hit();
    }

    /// \param h the confirmation (ignored)
    void HitConfirm(const AddressConfirmHeader& h)
    {
        Hit();
    }

    /**
     * \param sequence ignored
     * \param reason ignored
     */
    void HitFailure(uint32_t sequence, ChangeFailReason reason)
    {
        Hit();
    }

    /// \return the number of events
    size_t Count() const
    {
        return times.size();
    }
};

/**
 * \brief Connect a sink to a trace source of every exchange a daemon makes
 *        (one per connection, when the connection is prepared).
 * \param daemon the daemon
 * \param name the exchange's trace source
 * \param sink the sink
 */
template <class... Args>
void
WatchExchanges(Ptr<RedirectDaemon> daemon, const std::string& name, Callback<void, Args...> sink)
{
    RedirectDaemon* source = PeekPointer(daemon); // a Ptr in its own trace would leak it
    daemon->TraceConnectWithoutContext(
        "ConnectionPrepared",
        Callback<void, uint64_t>([source, name, sink](uint64_t id) {
            source->GetExchange(id)->TraceConnectWithoutContext(name, sink);
        }));
}

/**
 * \param app an integrity application
 * \return the kernel socket it uses (null before it has one)
 */
Ptr<RedirectableTcpSocket>
SocketOf(Ptr<IntegrityApplication> app)
{
    return DynamicCast<RedirectableTcpSocket>(app->GetSocket());
}

/**
 * \param mhSendBytes pattern bytes the MH sends
 * \return a WiredRun configuration whose hosts use the redirect daemon's
 *         sockets (install the daemons with WiredRun::InstallRedirectDaemons)
 */
WiredRunConfig
RedirectConfig(uint64_t mhSendBytes)
{
    WiredRunConfig config;
    config.mobileFactory = RedirectSocketFactory::GetTypeId();
    config.giveKeys = false;
    config.mhSendBytes = mhSendBytes;
    return config;
}

/**
 * \brief Put a UDP datagram from and to the daemon port on the wire, as an
 *        attacker would; the source address may be spoofed.
 * \param node the node that sends it
 * \param source IP source
 * \param destination IP destination
 * \param bytes the payload
 */
void
InjectDatagram(Ptr<Node> node,
               Ipv4Address source,
               Ipv4Address destination,
               const std::vector<uint8_t>& bytes)
{
    node->GetObject<UdpL4Protocol>()->Send(Create<Packet>(bytes.data(), bytes.size()),
                                           source,
                                           destination,
                                           DAEMON_PORT,
                                           DAEMON_PORT);
}

/// UDP datagrams a node sends: count and IP bytes.
struct UdpCounter
{
    uint32_t datagrams{0}; //!< datagrams
    uint64_t ipBytes{0};   //!< their size with IP and UDP headers

    /**
     * \brief Ipv4L3Protocol Tx sink.
     * \param packet the packet with its IP header
     */
    void Tx(Ptr<const Packet> packet, Ptr<Ipv4> /* ipv4 */, uint32_t /* interface */)
    {
        Ipv4Header ip;
        packet->PeekHeader(ip);
        if (ip.GetProtocol() == UdpL4Protocol::PROT_NUMBER)
        {
            ++datagrams;
            ipBytes += packet->GetSize();
        }
    }
};

/// Time of the first byte an application receives after some instant.
struct FirstByteAfter
{
    Time after;      //!< the instant
    Time first;      //!< first byte after it (zero: none yet)
    Time lastBefore; //!< last byte before it

    /// IntegrityApplication Rx sink (the data and its offset are not used).
    void Rx(Ptr<const Packet> /* packet */, uint64_t /* offset */)
    {
        Time now = Simulator::Now();
        if (now < after)
        {
            lastBefore = now;
        }
        else if (first.IsZero())
        {
            first = now;
        }
    }
};

} // namespace redirect_test

using namespace redirect_test;

BOOST_FIXTURE_TEST_SUITE(redirect_daemon, NsFixture)

BOOST_DATA_TEST_CASE(old_connection_survives_a_move, bdata::make({1, 0}), resetTimer)
{
    // PrepareAfter 1 s, scans every second from 0: the connection (up at
    // about 0.12 s) is prepared at the scan of 2 s. The MH loses its link at
    // 3 s and has its new address at 3.5 s.
    const uint64_t bytes = 6000000;
    WiredRun run(RedirectConfig(bytes));
    RedirectDaemonHelper helper;
    helper.SetDaemonAttribute("PrepareAfter", TimeValue(Seconds(1)));
    helper.SetDaemonAttribute("ResetTimer", BooleanValue(resetTimer));
    run.InstallRedirectDaemons(helper);
    const Time linkDown = Seconds(3);
    const Time moved = Seconds(3.5);
    run.topology.ScheduleHandover(WiredHandoverTopology::MH, linkDown, moved - linkDown);

    Events prepared;
    Events sent;
    Events accepted;
    Events confirmed;
    Events announced;
    Events socketConfirmed;
    FirstByteAfter chRx;
    chRx.after = moved;
    run.mhDaemon->TraceConnectWithoutContext("ConnectionPrepared",
                                             MakeCallback(&Events::HitId, &prepared));
    WatchExchanges(run.mhDaemon, "UpdateSent", MakeCallback(&Events::HitUpdate, &sent));
    WatchExchanges(run.chDaemon, "UpdateAccepted", MakeCallback(&Events::HitUpdate, &accepted));
    WatchExchanges(run.mhDaemon, "ConfirmAccepted", MakeCallback(&Events::HitConfirm, &confirmed));
    run.chApp->TraceConnectWithoutContext("Rx", MakeCallback(&FirstByteAfter::Rx, &chRx));
    WatchExchanges(run.mhDaemon, "UpdateSent", MakeCallback(&Events::HitUpdate, &announced));
    WatchExchanges(run.mhDaemon,
                   "ConfirmAccepted",
                   MakeCallback(&Events::HitConfirm, &socketConfirmed));
    run.Run(Seconds(12));

    Ptr<RedirectableTcpSocket> mh = SocketOf(run.mhApp);
    Ptr<RedirectableTcpSocket> ch = SocketOf(run.chApp);
    BOOST_REQUIRE(mh);
    BOOST_REQUIRE(ch);
    // Byte-exact delivery across the move; both ends know the new address.
    BOOST_TEST(run.chApp->GetBytesReceived() == bytes);
    BOOST_TEST(run.chApp->IsIntact());
    BOOST_TEST(!run.mhApp->HasFailed());
    BOOST_TEST(!run.chApp->HasFailed());
    BOOST_TEST(mh->GetLocalAddress() == MH_B);
    BOOST_TEST(ch->GetPeerAddress() == MH_B);
    BOOST_TEST(ch->GetPeerPort() == mh->GetLocalPort());
    BOOST_TEST(mh->IsPrepared());
    BOOST_TEST(ch->IsPrepared());
    BOOST_TEST(run.mhDaemon->GetConnectionId(mh) == run.chDaemon->GetConnectionId(ch));
    BOOST_TEST(run.mhDaemon->GetConnectionId(mh) ==
               RedirectDaemon::ComputeConnectionId(MH_A, mh->GetLocalPort(), CH_A, WiredRun::PORT));

    // One preparation, at the scan of 2 s, and one redirect each way.
    BOOST_REQUIRE(prepared.Count() == 1u);
    BOOST_TEST(prepared.times[0] > Seconds(2));
    BOOST_TEST(prepared.times[0] < Seconds(2.1));
    BOOST_TEST(run.mhDaemon->GetConnectionsPrepared() == 1u);
    BOOST_TEST(run.chDaemon->GetConnectionsPrepared() == 1u);
    BOOST_TEST(run.mhDaemon->GetRedirectsSent() == 1u);
    BOOST_TEST(run.mhDaemon->GetRedirectTransmissions() == 1u);
    BOOST_TEST(run.mhDaemon->GetRedirectsConfirmed() == 1u);
    BOOST_TEST(run.chDaemon->GetRedirectsAccepted() == 1u);
    BOOST_TEST(announced.Count() == 1u);
    BOOST_TEST(socketConfirmed.Count() == 1u);
    Ptr<CryptoAgent> mhCrypto =
        run.topology.GetHost(WiredHandoverTopology::MH)->GetObject<CryptoAgent>();
    Ptr<CryptoAgent> chCrypto =
        run.topology.GetHost(WiredHandoverTopology::CH)->GetObject<CryptoAgent>();
    for (Ptr<CryptoAgent> agent : {mhCrypto, chCrypto})
    {
        BOOST_TEST(agent->GetCount(CryptoAgent::KEY_GENERATION) == 1u);
        BOOST_TEST(agent->GetCount(CryptoAgent::KEY_AGREEMENT) == 1u);
        BOOST_TEST(agent->GetCount(CryptoAgent::MAC) == 2u); // make one, check one
        BOOST_TEST(agent->GetCount(CryptoAgent::SIGN) == 0u);
    }

    // The exchange: the request leaves after one MAC, the CH accepts it one
    // one-way trip and a MAC check later, its acknowledgement (one MAC)
    // reaches the MH one one-way trip later, checked with a fourth MAC.
    // One-way = 10 ms of propagation plus two serializations of a
    // 92-byte (request) or 88-byte (ack) frame at 10 Mb/s (< 0.15 ms).
    const Time mac = mhCrypto->GetDuration(CryptoAgent::MAC);
    const Time oneWay = MilliSeconds(10);
    const Time serialization = MicroSeconds(150);
    BOOST_REQUIRE(sent.Count() == 1u);
    BOOST_REQUIRE(accepted.Count() == 1u);
    BOOST_REQUIRE(confirmed.Count() == 1u);
    BOOST_TEST(sent.times[0] == moved + mac);
    BOOST_TEST(accepted.times[0] >= moved + 2 * mac + oneWay);
    BOOST_TEST(accepted.times[0] <= moved + 2 * mac + oneWay + serialization);
    BOOST_TEST(confirmed.times[0] >= moved + 4 * mac + 2 * oneWay);
    BOOST_TEST(confirmed.times[0] <= moved + 4 * mac + 2 * oneWay + 2 * serialization);
    BOOST_TEST(announced.times[0] == sent.times[0]);
    BOOST_TEST(socketConfirmed.times[0] == confirmed.times[0]);

    // Disruption at the CH = outage + daemon exchange + resume.
    BOOST_REQUIRE(!chRx.first.IsZero());
    const Time outage = moved - linkDown;
    const Time exchange = confirmed.times[0] - moved;
    const Time disruption = chRx.first - chRx.lastBefore;
    BOOST_TEST_MESSAGE("reset timer "
                       << resetTimer << ": last old byte " << chRx.lastBefore.As(Time::MS)
                       << ", exchange " << exchange.As(Time::US) << ", first new byte "
                       << chRx.first.As(Time::MS) << ", disruption " << disruption.As(Time::MS));
    // The segments already past the router still arrive after the cut.
    BOOST_TEST(chRx.lastBefore > linkDown - MilliSeconds(1));
    BOOST_TEST(chRx.lastBefore < linkDown + oneWay);
    if (resetTimer)
    {
        // Resume: data one one-way trip after the acknowledgement, plus the
        // serialization of the resumed frames (0.47 ms per 590-byte frame
        // and link; the first new segment queues behind the retransmitted
        // head): within 1.5 ms.
        const Time resume = chRx.first - confirmed.times[0];
        BOOST_TEST(resume >= oneWay);
        BOOST_TEST(resume <= oneWay + MicroSeconds(1500));
        const Time decomposition = outage + exchange + oneWay;
        BOOST_TEST(chRx.first - linkDown >= decomposition);
        BOOST_TEST(chRx.first - linkDown <= decomposition + MicroSeconds(1500));
        BOOST_TEST(disruption >= decomposition - oneWay);
        BOOST_TEST(disruption <= decomposition + MicroSeconds(2500));
    }
    else
    {
        // Without ResetTimer the data waits for the MH's retransmission
        // timer, armed by the last ACK before the cut with at least ns-3's
        // 1 s minimum RTO: half a second after the redirect completed.
        BOOST_TEST(chRx.first - linkDown >= Seconds(1) + oneWay);
        BOOST_TEST(chRx.first - linkDown <= Seconds(1) + oneWay + MilliSeconds(50));
        BOOST_TEST(chRx.first - confirmed.times[0] > MilliSeconds(450));
    }
}

BOOST_AUTO_TEST_CASE(correspondent_host_moves)
{
    // Either end may move: the CH, which answered the connection (and the
    // key agreement), moves; the MH's daemon accepts its redirect.
    Config::SetDefault("ns3::RedirectDaemon::PrepareAfter", TimeValue(Seconds(0)));
    const uint64_t bytes = 3000000;
    WiredRunConfig config = RedirectConfig(bytes);
    config.chSendBytes = 1000000;
    WiredRun run(config);
    RedirectDaemonHelper helper;
    run.InstallRedirectDaemons(helper);
    run.topology.ScheduleHandover(WiredHandoverTopology::CH, Seconds(1.5), MilliSeconds(500));
    run.Run(Seconds(10));

    Ptr<RedirectableTcpSocket> mh = SocketOf(run.mhApp);
    Ptr<RedirectableTcpSocket> ch = SocketOf(run.chApp);
    BOOST_TEST(!ch->IsActiveOpener());
    BOOST_TEST(ch->GetLocalAddress() == CH_B);
    BOOST_TEST(mh->GetPeerAddress() == CH_B);
    BOOST_TEST(run.chDaemon->GetRedirectsConfirmed() == 1u);
    BOOST_TEST(run.mhDaemon->GetRedirectsAccepted() == 1u);
    BOOST_TEST(run.chApp->GetBytesReceived() == bytes);
    BOOST_TEST(run.mhApp->GetBytesReceived() == 1000000u);
    BOOST_TEST(run.chApp->IsIntact());
    BOOST_TEST(run.mhApp->IsIntact());
}

BOOST_AUTO_TEST_CASE(lost_acknowledgement_is_recovered)
{
    // The MH's new link loses everything from 1 ms after the move (the
    // request has passed it) for 300 ms: the acknowledgement is lost, the
    // request is retransmitted after 1 s and the CH answers it again from
    // its cache, without a second MAC check or TCB update.
    Config::SetDefault("ns3::RedirectDaemon::PrepareAfter", TimeValue(Seconds(0)));
    const uint64_t bytes = 3000000;
    WiredRun run(RedirectConfig(bytes));
    RedirectDaemonHelper helper;
    run.InstallRedirectDaemons(helper);
    const Time moved = Seconds(1.8);
    run.topology.ScheduleHandover(WiredHandoverTopology::MH, Seconds(1.5), moved - Seconds(1.5));
    Simulator::Schedule(moved + MilliSeconds(1),
                        [&]() { run.topology.SetLinkUp(WiredHandoverTopology::MH, 1, false); });
    Simulator::Schedule(moved + MilliSeconds(300),
                        [&]() { run.topology.SetLinkUp(WiredHandoverTopology::MH, 1, true); });
    Events confirmed;
    WatchExchanges(run.mhDaemon, "ConfirmAccepted", MakeCallback(&Events::HitConfirm, &confirmed));
    run.Run(Seconds(10));

    Ptr<CryptoAgent> mhCrypto =
        run.topology.GetHost(WiredHandoverTopology::MH)->GetObject<CryptoAgent>();
    Ptr<CryptoAgent> chCrypto =
        run.topology.GetHost(WiredHandoverTopology::CH)->GetObject<CryptoAgent>();
    const Time mac = mhCrypto->GetDuration(CryptoAgent::MAC);
    BOOST_TEST(run.mhDaemon->GetRedirectTransmissions() == 2u);
    BOOST_TEST(run.chDaemon->GetRedirectsAccepted() == 1u);
    BOOST_REQUIRE(confirmed.Count() == 1u);
    // Retransmitted at 1 s after the first transmission; one round trip later
    // (no MAC on the CH: the cached answer) the MH checks the answer. The
    // tolerance covers serialization and a data frame queued ahead (1 ms).
    const Time resent = moved + mac + Seconds(1);
    BOOST_TEST(confirmed.times[0] >= resent + MilliSeconds(20) + mac);
    BOOST_TEST(confirmed.times[0] <= resent + MilliSeconds(20) + mac + MicroSeconds(1000));
    BOOST_TEST(chCrypto->GetCount(CryptoAgent::MAC) == 2u);
    BOOST_TEST(mhCrypto->GetCount(CryptoAgent::MAC) == 2u);
    BOOST_TEST(SocketOf(run.chApp)->GetPeerAddress() == MH_B);
    BOOST_TEST(run.chApp->GetBytesReceived() == bytes);
    BOOST_TEST(run.chApp->IsIntact());
}

BOOST_DATA_TEST_CASE(young_connection_is_lost_old_one_survives, bdata::make({0, 1}), young2Ch)
{
    // PrepareAfter 2 s. The old connection (up at 0.12 s) is prepared at the
    // scan of 3 s; the young one opens at 3.2 s. The MH loses its link at 4 s
    // and has its new address at 4.3 s, when the young connection is 1.1 s
    // old: it is not prepared and is lost as a TCP connection.
    Config::SetDefault("ns3::RedirectDaemon::PrepareAfter", TimeValue(Seconds(2)));
    const uint64_t oldBytes = 400000;
    WiredRun run(RedirectConfig(oldBytes));
    run.mhApp->SetAttribute("DataRate", DataRateValue(DataRate("400kbps")));
    RedirectDaemonHelper helper;
    run.InstallRedirectDaemons(helper);

    // The young connection: a stream in one direction.
    const uint16_t youngPort = 5002;
    const uint64_t youngBytes = 200000;
    Ptr<IntegrityApplication> youngMh = CreateObject<IntegrityApplication>();
    Ptr<IntegrityApplication> youngCh = CreateObject<IntegrityApplication>();
    for (Ptr<IntegrityApplication> app : {youngMh, youngCh})
    {
        app->SetAttribute("Protocol", TypeIdValue(RedirectSocketFactory::GetTypeId()));
        app->SetAttribute("DataRate", DataRateValue(DataRate("200kbps")));
    }
    (young2Ch ? youngMh : youngCh)->SetAttribute("SendBytes", UintegerValue(youngBytes));
    Ptr<IntegrityApplication> youngReceiver = young2Ch ? youngCh : youngMh;
    youngCh->SetAttribute("Local",
                          AddressValue(InetSocketAddress(Ipv4Address::GetAny(), youngPort)));
    youngMh->SetAttribute("Remote", AddressValue(InetSocketAddress(CH_A, youngPort)));
    run.topology.GetHost(WiredHandoverTopology::MH)->AddApplication(youngMh);
    run.topology.GetHost(WiredHandoverTopology::CH)->AddApplication(youngCh);
    youngCh->SetStartTime(Seconds(0));
    youngMh->SetStartTime(Seconds(3.2));

    const Time linkDown = Seconds(4);
    const Time moved = Seconds(4.3);
    run.topology.ScheduleHandover(WiredHandoverTopology::MH, linkDown, moved - linkDown);
    uint64_t youngAtMove = 0;
    uint64_t youngAfterMove = 0;
    Simulator::Schedule(linkDown, [&]() { youngAtMove = youngReceiver->GetBytesReceived(); });
    Simulator::Schedule(Seconds(20), [&]() { youngAfterMove = youngReceiver->GetBytesReceived(); });
    run.Run(Seconds(140));

    Ptr<RedirectableTcpSocket> youngSocket = SocketOf(youngMh);
    BOOST_REQUIRE(youngSocket);
    BOOST_TEST_MESSAGE("young " << (young2Ch ? "MH->CH" : "CH->MH") << ": " << youngAtMove
                                << " bytes at the cut, " << youngAfterMove << " at 20 s");
    // The old connection survived, byte-exact, on the new address.
    BOOST_TEST(run.chApp->GetBytesReceived() == oldBytes);
    BOOST_TEST(run.chApp->IsIntact());
    BOOST_TEST(!run.mhApp->HasFailed());
    BOOST_TEST(SocketOf(run.chApp)->GetPeerAddress() == MH_B);
    BOOST_TEST(SocketOf(run.mhApp)->IsPrepared());
    // The young one was never prepared: no key share, no redirect.
    BOOST_TEST(!youngSocket->IsPrepared());
    BOOST_TEST(run.mhDaemon->GetConnectionId(youngSocket) == 0u);
    BOOST_TEST(run.mhDaemon->GetConnectionsPrepared() == 1u);
    BOOST_TEST(run.chDaemon->GetConnectionsPrepared() == 1u);
    BOOST_TEST(run.mhDaemon->GetKeyShareTransmissions() == 1u);
    BOOST_TEST(run.chDaemon->GetKeyShareTransmissions() == 1u);
    BOOST_TEST(run.mhDaemon->GetRedirectsSent() == 1u);
    // It carried data before the cut and nothing reached its receiver after
    // it, except, from MH to CH, at most the one segment ns-3's TCP
    // retransmits from the address the node no longer has (its ACK never
    // comes back).
    BOOST_TEST(youngAtMove > 0u);
    if (young2Ch)
    {
        BOOST_TEST(youngAfterMove - youngAtMove <= 536u);
    }
    else
    {
        BOOST_TEST(youngAfterMove == youngAtMove);
    }
    BOOST_TEST(youngReceiver->GetBytesReceived() == youngAfterMove);
    BOOST_TEST(youngReceiver->IsIntact());
    // TCP gives up after its retransmissions, as without the daemon.
    BOOST_TEST((young2Ch ? youngMh : youngCh)->HasFailed());
}

BOOST_AUTO_TEST_CASE(preparation_interrupted_by_the_move)
{
    // PrepareAfter 2 s: the connection's preparation starts at the scan of
    // 3 s, but the MH lost its link at 2.9 s; the share is lost and the MH
    // has a new address at 3.5 s. The connection is not prepared, so it is
    // not redirected, and at the share's retransmission (1 s after the
    // first) the preparation fails: the peer would not take a share from
    // another address. The connection is lost as a TCP connection.
    Config::SetDefault("ns3::RedirectDaemon::PrepareAfter", TimeValue(Seconds(2)));
    const uint64_t bytes = 6000000;
    WiredRun run(RedirectConfig(bytes));
    RedirectDaemonHelper helper;
    run.InstallRedirectDaemons(helper);
    run.topology.ScheduleHandover(WiredHandoverTopology::MH, Seconds(2.9), MilliSeconds(600));
    Events failed;
    run.mhDaemon->TraceConnectWithoutContext("PreparationFailed",
                                             MakeCallback(&Events::HitId, &failed));
    run.Run(Seconds(8));

    const Time keyShare = run.topology.GetHost(WiredHandoverTopology::MH)
                              ->GetObject<CryptoAgent>()
                              ->GetDuration(CryptoAgent::KEY_GENERATION);
    BOOST_REQUIRE(failed.Count() == 1u);
    BOOST_TEST(failed.times[0] == Seconds(3) + keyShare + Seconds(1));
    BOOST_TEST(run.mhDaemon->GetPreparationsFailed() == 1u);
    BOOST_TEST(run.mhDaemon->GetKeyShareTransmissions() == 1u);
    BOOST_TEST(run.chDaemon->GetKeyShareTransmissions() == 0u);
    BOOST_TEST(run.mhDaemon->GetConnectionsPrepared() == 0u);
    BOOST_TEST(run.mhDaemon->GetRedirectsSent() == 0u);
    BOOST_TEST(!SocketOf(run.mhApp)->IsPrepared());
    BOOST_TEST(SocketOf(run.mhApp)->GetLocalAddress() == MH_A);
    BOOST_TEST(run.chApp->GetBytesReceived() < bytes);
    BOOST_TEST(run.chApp->IsIntact());
}

BOOST_DATA_TEST_CASE(preparation_cost_counts_long_connections,
                     bdata::make({3, 0}) ^ bdata::make({2, 6}),
                     prepareAfterS,
                     expected)
{
    // No handover. The MH opens 6 idle connections to the CH: four live
    // 1 s (opened at 0.2, 0.3, 0.4, 0.5 s), two stay open (opened at 0.6
    // and 0.7 s). With PrepareAfter 3 s only the two long ones are prepared
    // (at the scan of 4 s); with 0 s all six are (at the scan of 1 s).
    WiredHandoverTopology topology;
    RedirectDaemonHelper helper;
    helper.SetDaemonAttribute("PrepareAfter", TimeValue(Seconds(prepareAfterS)));
    ApplicationContainer daemons = helper.Install(topology.GetHosts());
    BOOST_TEST(helper.AssignStreams(topology.GetHosts(), 100) == 4);
    Ptr<Node> mh = topology.GetHost(WiredHandoverTopology::MH);
    Ptr<Node> ch = topology.GetHost(WiredHandoverTopology::CH);
    Ptr<RedirectDaemon> mhDaemon = DynamicCast<RedirectDaemon>(daemons.Get(0));
    Ptr<RedirectDaemon> chDaemon = DynamicCast<RedirectDaemon>(daemons.Get(1));
    UdpCounter mhUdp;
    UdpCounter chUdp;
    mh->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
        "Tx",
        MakeCallback(&UdpCounter::Tx, &mhUdp));
    ch->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
        "Tx",
        MakeCallback(&UdpCounter::Tx, &chUdp));

    Ptr<RedirectableTcpSocket> listener = RedirectDaemonHelper::CreateSocket(ch);
    BOOST_REQUIRE(listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), 5001)) == 0);
    BOOST_REQUIRE(listener->Listen() == 0);
    std::vector<Ptr<Socket>> accepted;
    listener->SetAcceptCallback(
        MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
        MakeCallback(+[](std::vector<Ptr<Socket>>* out, Ptr<Socket> s, const Address&) {
            out->push_back(s);
            // The CH closes when the MH does.
            s->SetCloseCallbacks(MakeCallback(+[](Ptr<Socket> c) { c->Close(); }),
                                 MakeNullCallback<void, Ptr<Socket>>());
        }).Bind(&accepted));

    const int n = 6;
    std::vector<Ptr<RedirectableTcpSocket>> clients;
    for (int i = 0; i < n; ++i)
    {
        Ptr<RedirectableTcpSocket> s = RedirectDaemonHelper::CreateSocket(mh);
        clients.push_back(s);
        Time open = Seconds(0.2 + 0.1 * i);
        Simulator::Schedule(open, [s, &topology]() {
            s->Bind();
            s->Connect(InetSocketAddress(topology.GetAddress(WiredHandoverTopology::CH, 0), 5001));
        });
        if (i < 4)
        {
            Simulator::Schedule(open + Seconds(1), [s]() { s->Close(); });
        }
    }
    Simulator::Stop(Seconds(8));
    Simulator::Run();

    const uint32_t k = expected;
    BOOST_TEST(accepted.size() == size_t(n));
    uint32_t preparedClients = 0;
    for (int i = 0; i < n; ++i)
    {
        preparedClients += clients[i]->IsPrepared();
        if (i >= 4)
        {
            BOOST_TEST(clients[i]->GetState() == TcpSocket::ESTABLISHED);
            BOOST_TEST(clients[i]->IsPrepared());
        }
    }
    uint32_t preparedServers = 0;
    for (Ptr<Socket> s : accepted)
    {
        preparedServers += DynamicCast<RedirectableTcpSocket>(s)->IsPrepared();
    }
    BOOST_TEST(preparedClients == k);
    BOOST_TEST(preparedServers == k);
    for (Ptr<RedirectDaemon> daemon : {mhDaemon, chDaemon})
    {
        BOOST_TEST(daemon->GetConnectionsPrepared() == k);
        BOOST_TEST(daemon->GetKeyAgreements() == k);
        BOOST_TEST(daemon->GetKeyShareTransmissions() == k);
        BOOST_TEST(daemon->GetPreparationsFailed() == 0u);
    }
    // K key shares and K agreements on each node, and their CPU time.
    for (Ptr<Node> node : {mh, ch})
    {
        Ptr<CryptoAgent> agent = node->GetObject<CryptoAgent>();
        BOOST_TEST(agent->GetCount(CryptoAgent::KEY_GENERATION) == k);
        BOOST_TEST(agent->GetCount(CryptoAgent::KEY_AGREEMENT) == k);
        BOOST_TEST(agent->GetCount(CryptoAgent::MAC) == 0u);
        BOOST_TEST(agent->GetBusyTime() == k * (agent->GetDuration(CryptoAgent::KEY_GENERATION) +
                                                agent->GetDuration(CryptoAgent::KEY_AGREEMENT)));
    }
    // On the wire: one share each way per connection, 52 bytes of message
    // (20 envelope + 32 share) in 80-byte IP datagrams.
    KeyShareHeader share;
    BOOST_TEST(share.GetSerializedSize() == 52u);
    BOOST_TEST(mhUdp.datagrams == k);
    BOOST_TEST(chUdp.datagrams == k);
    BOOST_TEST(mhUdp.ipBytes == k * 80u);
    BOOST_TEST(chUdp.ipBytes == k * 80u);
}

BOOST_AUTO_TEST_CASE(forged_and_replayed_redirects_change_nothing)
{
    // PrepareAfter 0: prepared at the scan of 1 s. Two moves of the MH:
    // A -> B at 1.8 s (sequence 1), B -> A at 2.7 s (sequence 2). At 3.2 s
    // an attacker sends crafted datagrams to both daemons.
    Config::SetDefault("ns3::RedirectDaemon::PrepareAfter", TimeValue(Seconds(0)));
    const uint64_t bytes = 4000000;
    WiredRun run(RedirectConfig(bytes));
    RedirectDaemonHelper helper;
    run.InstallRedirectDaemons(helper);
    Ptr<Node> mhNode = run.topology.GetHost(WiredHandoverTopology::MH);
    Ptr<Node> chNode = run.topology.GetHost(WiredHandoverTopology::CH);
    run.topology.ScheduleHandover(WiredHandoverTopology::MH, Seconds(1.5), MilliSeconds(300));
    run.topology.ScheduleHandover(WiredHandoverTopology::MH, Seconds(2.5), MilliSeconds(200));
    std::vector<RedirectRequestHeader> captured;
    WatchExchanges(
        run.mhDaemon,
        "UpdateSent",
        MakeCallback(+[](std::vector<RedirectRequestHeader>* out, const AddressUpdateHeader& h) {
            out->push_back(dynamic_cast<const RedirectRequestHeader&>(h));
        }).Bind(&captured));
    Events rejected;
    run.chDaemon->TraceConnectWithoutContext(
        "MessageRejected",
        MakeCallback(+[](Events* e, MobilityControlHeader::MessageType, ChangeRejectReason) {
            e->Hit();
        }).Bind(&rejected));

    Address peerBefore;
    Address peerAfter;
    uint64_t macsBefore = 0;
    Ptr<CryptoAgent> chCrypto = chNode->GetObject<CryptoAgent>();
    Simulator::Schedule(Seconds(3.2), [&]() {
        Ptr<RedirectableTcpSocket> mh = SocketOf(run.mhApp);
        SocketOf(run.chApp)->GetPeerName(peerBefore);
        macsBefore = chCrypto->GetCount(CryptoAgent::MAC);
        const uint64_t id = run.mhDaemon->GetConnectionId(mh);
        BOOST_REQUIRE(captured.size() == 2u);

        // 1. Replay of the first request (A -> B, sequence 1) from B: the
        //    addresses would fit again after a move back to B; the sequence
        //    number says it is stale.
        InjectDatagram(mhNode, MH_B, CH_A, Serialize(captured[0]));

        // 2. Forged: fresh sequence number, right addresses, wrong key.
        RedirectRequestHeader forged;
        forged.SetToken(id);
        forged.SetSequence(10);
        forged.SetOldAddress(MH_A);
        forged.SetNewAddress(MH_B);
        forged.SetNewPort(mh->GetLocalPort());
        SymmetricKey wrongKey;
        wrongKey.fill(0x66);
        MacAuthenticator::Tag(forged, CreateObject<CryptoAgent>(), wrongKey);
        InjectDatagram(mhNode, MH_B, CH_A, Serialize(forged));

        // 3. Old address other than the one the CH has.
        RedirectRequestHeader misaddressed = forged;
        misaddressed.SetSequence(11);
        misaddressed.SetOldAddress(Ipv4Address("10.1.1.99"));
        InjectDatagram(mhNode, MH_B, CH_A, Serialize(misaddressed));

        // 4. A connection nobody knows.
        RedirectRequestHeader stranger = forged;
        stranger.SetToken(id + 1);
        InjectDatagram(mhNode, MH_B, CH_A, Serialize(stranger));

        // 5. Truncated after the envelope, and inside it.
        std::vector<uint8_t> truncated = Serialize(forged);
        truncated.resize(30);
        InjectDatagram(mhNode, MH_B, CH_A, truncated);
        truncated.resize(10);
        InjectDatagram(mhNode, MH_B, CH_A, truncated);

        // 6. A key share that would re-key the prepared connection.
        KeyShareHeader rekey;
        rekey.SetToken(id);
        rekey.SetSequence(0);
        X25519PublicKey share;
        share.fill(0x42);
        rekey.SetShare(share);
        InjectDatagram(mhNode, MH_A, CH_A, Serialize(rekey));

        // 7. An acknowledgement nobody asked for, to the MH.
        RedirectAckHeader unasked;
        unasked.SetToken(id);
        unasked.SetSequence(20);
        unasked.SetNewAddress(MH_A);
        unasked.SetNewPort(mh->GetLocalPort());
        MacAuthenticator::Tag(unasked, CreateObject<CryptoAgent>(), wrongKey);
        InjectDatagram(chNode, CH_A, MH_A, Serialize(unasked));
    });
    Simulator::Schedule(Seconds(3.5), [&]() { SocketOf(run.chApp)->GetPeerName(peerAfter); });
    run.Run(Seconds(10));

    // The two genuine moves, with increasing sequence numbers.
    BOOST_REQUIRE(captured.size() == 2u);
    BOOST_TEST(captured[0].GetSequence() == 1u);
    BOOST_TEST(captured[0].GetOldAddress() == MH_A);
    BOOST_TEST(captured[0].GetNewAddress() == MH_B);
    BOOST_TEST(captured[1].GetSequence() == 2u);
    BOOST_TEST(captured[1].GetOldAddress() == MH_B);
    BOOST_TEST(captured[1].GetNewAddress() == MH_A);
    BOOST_TEST(run.chDaemon->GetRedirectsAccepted() == 2u);
    BOOST_TEST(run.mhDaemon->GetRedirectsConfirmed() == 2u);

    // Each crafted message rejected for its reason; only the forged one
    // cost a MAC check.
    using R = ChangeRejectReason;
    BOOST_TEST(run.chDaemon->GetRejectCount(R::REPLAYED) == 1u);
    BOOST_TEST(run.chDaemon->GetRejectCount(R::BAD_AUTHENTICATOR) == 1u);
    BOOST_TEST(run.chDaemon->GetRejectCount(R::ADDRESS_MISMATCH) == 1u);
    BOOST_TEST(run.chDaemon->GetRejectCount(R::WRONG_TOKEN) == 1u);
    BOOST_TEST(run.chDaemon->GetRejectCount(R::MALFORMED) == 2u);
    BOOST_TEST(run.chDaemon->GetRejectCount(R::UNEXPECTED) == 1u);
    BOOST_TEST(rejected.Count() == 7u);
    BOOST_TEST(run.mhDaemon->GetRejectCount(R::UNEXPECTED) == 1u);
    BOOST_TEST(chCrypto->GetCount(CryptoAgent::MAC) == macsBefore + 1);
    // The ones that named the connection are also counted on its socket.
    Ptr<RedirectableTcpSocket> ch = SocketOf(run.chApp);
    BOOST_TEST(ch->GetRejectCount(R::REPLAYED) == 1u);
    BOOST_TEST(ch->GetRejectCount(R::BAD_AUTHENTICATOR) == 1u);
    BOOST_TEST(ch->GetRejectCount(R::ADDRESS_MISMATCH) == 1u);
    BOOST_TEST(ch->GetRejectCount(R::UNEXPECTED) == 1u);
    BOOST_TEST(ch->GetRejectCount(R::WRONG_TOKEN) == 0u);

    // Nothing changed: same peer, same secret (no re-key), transfer intact.
    BOOST_TEST(AddressOf(peerBefore) == MH_A);
    BOOST_TEST(peerAfter == peerBefore);
    BOOST_TEST(ch->IsPrepared());
    BOOST_TEST(run.chDaemon->GetKeyAgreements() == 1u);
    BOOST_TEST(run.chApp->GetBytesReceived() == bytes);
    BOOST_TEST(run.chApp->IsIntact());
    BOOST_TEST(!run.mhApp->HasFailed());
}

BOOST_AUTO_TEST_CASE(both_ends_moving_at_once_fails)
{
    // Both hosts lose their link at 1.5 s and have new addresses at 1.9 s:
    // each daemon sends its redirect to the other's stale address. With 3
    // retransmissions (1, 2, 4, 8 s) both give up at 1.9 s + MAC + 15 s.
    Config::SetDefault("ns3::RedirectDaemon::PrepareAfter", TimeValue(Seconds(0)));
    Config::SetDefault("ns3::RedirectDaemon::MaxRetransmissions", UintegerValue(3));
    const uint64_t bytes = 4000000;
    WiredRun run(RedirectConfig(bytes));
    RedirectDaemonHelper helper;
    run.InstallRedirectDaemons(helper);
    run.topology.ScheduleHandover(WiredHandoverTopology::MH, Seconds(1.5), MilliSeconds(400));
    run.topology.ScheduleHandover(WiredHandoverTopology::CH, Seconds(1.5), MilliSeconds(400));
    Events mhFailed;
    Events chFailed;
    WatchExchanges(run.mhDaemon, "Failed", MakeCallback(&Events::HitFailure, &mhFailed));
    WatchExchanges(run.chDaemon, "Failed", MakeCallback(&Events::HitFailure, &chFailed));
    run.Run(Seconds(20));

    const Time mac = run.topology.GetHost(WiredHandoverTopology::MH)
                         ->GetObject<CryptoAgent>()
                         ->GetDuration(CryptoAgent::MAC);
    const Time failure = Seconds(1.9) + mac + Seconds(1 + 2 + 4 + 8);
    BOOST_REQUIRE(mhFailed.Count() == 1u);
    BOOST_REQUIRE(chFailed.Count() == 1u);
    BOOST_TEST(mhFailed.times[0] == failure);
    BOOST_TEST(chFailed.times[0] == failure);
    for (Ptr<RedirectDaemon> daemon : {run.mhDaemon, run.chDaemon})
    {
        BOOST_TEST(daemon->GetRedirectsSent() == 1u);
        BOOST_TEST(daemon->GetRedirectTransmissions() == 4u);
        BOOST_TEST(daemon->GetRedirectsFailed() == 1u);
        BOOST_TEST(daemon->GetRedirectsAccepted() == 0u);
        BOOST_TEST(daemon->GetRedirectsConfirmed() == 0u);
    }
    // Each end moved itself but still has the other's old address.
    Ptr<RedirectableTcpSocket> mh = SocketOf(run.mhApp);
    Ptr<RedirectableTcpSocket> ch = SocketOf(run.chApp);
    BOOST_TEST(mh->GetLocalAddress() == MH_B);
    BOOST_TEST(mh->GetPeerAddress() == CH_A);
    BOOST_TEST(ch->GetLocalAddress() == CH_B);
    BOOST_TEST(ch->GetPeerAddress() == MH_A);
    // The transfer does not complete; what arrived is intact, and retention
    // keeps both ends established meanwhile.
    BOOST_TEST(run.chApp->GetBytesReceived() < bytes);
    BOOST_TEST(run.chApp->IsIntact());
    BOOST_TEST(mh->GetState() == TcpSocket::ESTABLISHED);
    BOOST_TEST(ch->GetState() == TcpSocket::ESTABLISHED);
}

BOOST_AUTO_TEST_CASE(no_handover_same_segments_as_tcp)
{
    // The kernel extension changes nothing on TCP's wire: without a
    // handover the hosts send exactly plain TCP's segments, at the same
    // times when nothing is prepared; preparing adds two UDP datagrams,
    // which delay some segments by at most their serialization.
    std::vector<std::vector<Segment>> wire;
    std::vector<uint32_t> datagrams;
    for (int mode : {0, 1, 2}) // plain TCP, daemons (nothing prepared), daemons (prepared)
    {
        WiredRunConfig config = RedirectConfig(2000000);
        config.chSendBytes = 200000;
        config.mhMobile = mode > 0;
        config.chMobile = mode > 0;
        WiredRun run(config);
        UdpCounter udp;
        if (mode > 0)
        {
            RedirectDaemonHelper helper;
            helper.SetDaemonAttribute("PrepareAfter", TimeValue(Seconds(mode == 1 ? 60 : 0)));
            run.InstallRedirectDaemons(helper);
            run.topology.GetHost(WiredHandoverTopology::MH)
                ->GetObject<Ipv4L3Protocol>()
                ->TraceConnectWithoutContext("Tx", MakeCallback(&UdpCounter::Tx, &udp));
            run.topology.GetHost(WiredHandoverTopology::CH)
                ->GetObject<Ipv4L3Protocol>()
                ->TraceConnectWithoutContext("Tx", MakeCallback(&UdpCounter::Tx, &udp));
        }
        run.Run(Seconds(6));
        BOOST_TEST(run.chApp->GetBytesReceived() == 2000000u);
        BOOST_TEST(run.mhApp->GetBytesReceived() == 200000u);
        if (mode == 2)
        {
            BOOST_TEST(SocketOf(run.mhApp)->IsPrepared());
        }
        std::vector<Segment> all = run.mhTx.segments;
        all.insert(all.end(), run.chTx.segments.begin(), run.chTx.segments.end());
        wire.push_back(all);
        datagrams.push_back(udp.datagrams);
        Simulator::Destroy();
    }
    BOOST_TEST(datagrams[1] == 0u);
    BOOST_TEST(datagrams[2] == 2u);
    for (int mode : {1, 2})
    {
        BOOST_TEST_CONTEXT("mode " << mode)
        {
            BOOST_REQUIRE(wire[0].size() == wire[mode].size());
            // A segment carrying the mobility option counts as a mismatch.
            WireComparison diff = CompareWire(wire[0], wire[mode], true);
            BOOST_TEST(diff.mismatches == 0);
            if (mode == 1)
            {
                BOOST_TEST(diff.maxShift == Seconds(0));
            }
            else
            {
                // An 82-byte frame takes 66 us per link.
                BOOST_TEST(diff.maxShift <= MicroSeconds(150));
            }
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
