/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mobisocket-test
 * Address changes on the wired test bed (MH - R - CH, 10 Mb/s, 5 ms per
 * link, so a 20 ms round trip): byte-exact delivery across moves of either
 * or both ends, port changes, CopyTcb, ResetTimer timing, retention through
 * long outages, and the in-band AddChange/AddConfirm exchange under attack.
 */

#define BOOST_TEST_MODULE wired_handover
#include "mobisocket-test-support.h"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

using namespace ns3;
namespace bdata = boost::unit_test::data;

namespace
{

/// Counts trace events.
struct Counter
{
    int count{0}; //!< events seen
    Time last;    //!< time of the last one

    /// Count an event with no argument.
    void Hit()
    {
        ++count;
        last = Simulator::Now();
    }

    /// \param h ignored
    void HitChange(const AddressUpdateHeader& h)
    {
        Hit();
    }

    /// \param h ignored
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
};

/// \return the number of segments with a flag from an address and port
int
CountFlag(const SegmentRecorder& recorder,
          uint8_t flag,
          Ipv4Address source,
          uint16_t port,
          Time after)
{
    int n = 0;
    for (const Segment& s : recorder.segments)
    {
        n += (s.time >= after && (s.flags & flag) && s.source == source && s.sourcePort == port);
    }
    return n;
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(address_changes, NsFixture)

/// Directions of the checked streams.
const char* const DIRECTIONS[] = {"mh-to-ch", "ch-to-mh", "both"};

BOOST_DATA_TEST_CASE(byte_exact_across_a_move_of_mh,
                     bdata::make({0, 1, 2}) * bdata::make({0, 1}),
                     direction,
                     inBand)
{
    const uint64_t bytes = 3000000;
    WiredRunConfig config;
    config.mhSendBytes = direction != 1 ? bytes : 0;
    config.chSendBytes = direction != 0 ? bytes : 0;
    config.signalling = inBand ? MobiSocket::IN_BAND : MobiSocket::APPLICATION;
    WiredRun run(config);
    run.topology.ScheduleHandover(WiredHandoverTopology::MH, Seconds(1), MilliSeconds(500));
    run.UpdateOnMove(MilliSeconds(30), true);
    run.Run(Seconds(12));

    BOOST_TEST_CONTEXT(DIRECTIONS[direction] << (inBand ? ", in-band" : ", application"))
    {
        BOOST_TEST(run.chApp->GetBytesReceived() == config.mhSendBytes);
        BOOST_TEST(run.mhApp->GetBytesReceived() == config.chSendBytes);
        BOOST_TEST(run.chApp->IsIntact());
        BOOST_TEST(run.mhApp->IsIntact());
        BOOST_TEST(!run.mhApp->HasFailed());
        BOOST_TEST(!run.chApp->HasFailed());
        Address local;
        Address peer;
        run.MhSocket()->GetSockName(local);
        run.ChSocket()->GetPeerName(peer);
        BOOST_TEST(AddressOf(local) == MH_B);
        BOOST_TEST(AddressOf(peer) == MH_B);
        BOOST_TEST(run.MhSocket()->GetState() == TcpSocket::ESTABLISHED);
        // Exactly one signature each way in-band; none when the application signals.
        Ptr<CryptoAgent> mhCrypto =
            run.topology.GetHost(WiredHandoverTopology::MH)->GetObject<CryptoAgent>();
        Ptr<CryptoAgent> chCrypto =
            run.topology.GetHost(WiredHandoverTopology::CH)->GetObject<CryptoAgent>();
        uint64_t expected = inBand ? 1 : 0;
        BOOST_TEST(mhCrypto->GetCount(CryptoAgent::SIGN) == expected);
        BOOST_TEST(mhCrypto->GetCount(CryptoAgent::VERIFY) == expected);
        BOOST_TEST(chCrypto->GetCount(CryptoAgent::SIGN) == expected);
        BOOST_TEST(chCrypto->GetCount(CryptoAgent::VERIFY) == expected);
        BOOST_TEST(run.MhSocket()->GetAnnouncementTransmissions() == expected);
    }
}

BOOST_AUTO_TEST_CASE(both_ends_move_at_the_same_time)
{
    // The applications learn each other's new address (through the SIP
    // proxy in the paper) and update both directions on both ends.
    const uint64_t bytes = 2000000;
    WiredRunConfig config;
    config.mhSendBytes = bytes;
    config.chSendBytes = bytes;
    WiredRun run(config);
    run.topology.ScheduleHandover(WiredHandoverTopology::MH, Seconds(1), MilliSeconds(400));
    run.topology.ScheduleHandover(WiredHandoverTopology::CH, Seconds(1), MilliSeconds(400));
    run.UpdateOnMove(MilliSeconds(60), true);
    run.Run(Seconds(12));

    BOOST_TEST(run.chApp->GetBytesReceived() == bytes);
    BOOST_TEST(run.mhApp->GetBytesReceived() == bytes);
    BOOST_TEST(run.chApp->IsIntact());
    BOOST_TEST(run.mhApp->IsIntact());
    Address mhLocal;
    Address mhPeer;
    Address chLocal;
    Address chPeer;
    run.MhSocket()->GetSockName(mhLocal);
    run.MhSocket()->GetPeerName(mhPeer);
    run.ChSocket()->GetSockName(chLocal);
    run.ChSocket()->GetPeerName(chPeer);
    BOOST_TEST(AddressOf(mhLocal) == MH_B);
    BOOST_TEST(AddressOf(mhPeer) == CH_B);
    BOOST_TEST(AddressOf(chLocal) == CH_B);
    BOOST_TEST(AddressOf(chPeer) == MH_B);
}

BOOST_AUTO_TEST_CASE(both_ends_move_in_band_cannot_meet)
{
    // In-band messages go to the peer's last known address: when both ends
    // move at once, both AddChanges are lost and the change fails, which is
    // why the paper routes this case through the SIP proxy.
    WiredRunConfig config;
    config.signalling = MobiSocket::IN_BAND;
    config.mhSendBytes = 2000000;
    WiredRun run(config);
    Config::SetDefault("ns3::SignallingTcpSocket::ChangeRetries", UintegerValue(3));
    run.topology.ScheduleHandover(WiredHandoverTopology::MH, Seconds(1), MilliSeconds(400));
    run.topology.ScheduleHandover(WiredHandoverTopology::CH, Seconds(1), MilliSeconds(400));
    run.UpdateOnMove(Seconds(0), true);
    Counter mhFailed;
    Counter chFailed;
    Simulator::Schedule(Seconds(0.5), [&]() {
        run.MhSocket()->SetAttribute("ChangeRetries", UintegerValue(3));
        run.ChSocket()->SetAttribute("ChangeRetries", UintegerValue(3));
        run.MhSocket()->GetExchange()->TraceConnectWithoutContext(
            "Failed",
            MakeCallback(&Counter::HitFailure, &mhFailed));
        run.ChSocket()->GetExchange()->TraceConnectWithoutContext(
            "Failed",
            MakeCallback(&Counter::HitFailure, &chFailed));
    });
    run.Run(Seconds(40));
    BOOST_TEST(mhFailed.count == 1);
    BOOST_TEST(chFailed.count == 1);
    BOOST_TEST(run.MhSocket()->GetAnnouncementTransmissions() == 4u);
    BOOST_TEST(run.chApp->GetBytesReceived() < 2000000u);
    BOOST_TEST(run.chApp->IsIntact());
    // Retention keeps both connections established meanwhile.
    BOOST_TEST(run.MhSocket()->GetState() == TcpSocket::ESTABLISHED);
    BOOST_TEST(run.ChSocket()->GetState() == TcpSocket::ESTABLISHED);
}

BOOST_DATA_TEST_CASE(port_change, bdata::make({0, 1}), inBand)
{
    const uint16_t newPort = 40000;
    WiredRunConfig config;
    config.signalling = inBand ? MobiSocket::IN_BAND : MobiSocket::APPLICATION;
    config.mhSendBytes = 2000000;
    config.chSendBytes = 1000000;
    WiredRun run(config);
    run.topology.ScheduleHandover(WiredHandoverTopology::MH, Seconds(1), MilliSeconds(300));
    uint16_t oldPort = 0;
    run.topology.SetAddressChangeCallback(
        MakeCallback(+[](WiredRun* r,
                         bool band,
                         uint16_t port,
                         uint16_t* old,
                         uint32_t,
                         Ipv4Address,
                         Ipv4Address n) {
            Address local;
            r->MhSocket()->GetSockName(local);
            *old = PortOf(local);
            BOOST_TEST(r->MhSocket()->UpdateTcb(MobiSocket::SOURCE, InetSocketAddress(n, port)) ==
                       0);
            if (!band)
            {
                Simulator::Schedule(MilliSeconds(30), [r, n, port]() {
                    BOOST_TEST(r->ChSocket()->UpdateTcb(MobiSocket::DESTINATION,
                                                        InetSocketAddress(n, port)) == 0);
                    r->ChSocket()->ResetTimer();
                    r->MhSocket()->ResetTimer();
                });
            }
        }).Bind(&run, bool(inBand), newPort, &oldPort));
    run.Run(Seconds(12));

    BOOST_TEST(oldPort != 0);
    BOOST_TEST(oldPort != newPort);
    Address local;
    Address peer;
    run.MhSocket()->GetSockName(local);
    run.ChSocket()->GetPeerName(peer);
    BOOST_TEST(PortOf(local) == newPort);
    BOOST_TEST(PortOf(peer) == newPort);
    BOOST_TEST(AddressOf(peer) == MH_B);
    BOOST_TEST(run.chApp->GetBytesReceived() == 2000000u);
    BOOST_TEST(run.mhApp->GetBytesReceived() == 1000000u);
    BOOST_TEST(run.chApp->IsIntact());
    BOOST_TEST(run.mhApp->IsIntact());
    // After the change the MH only sends from the new port.
    BOOST_TEST(CountFlag(run.mhTx, TcpHeader::ACK, MH_A, oldPort, Seconds(1.5)) == 0);
    BOOST_TEST(CountFlag(run.mhTx, TcpHeader::ACK, MH_B, newPort, Seconds(1.3)) > 0);
}

BOOST_DATA_TEST_CASE(copy_tcb_to_a_second_interface, bdata::make({0, 1}), inBand)
{
    // Make-before-break: MH gets a second interface, moves the connection
    // there with CopyTcb (new address and port), then the first link fails.
    const uint16_t newPort = 45000;
    WiredRunConfig config;
    config.signalling = inBand ? MobiSocket::IN_BAND : MobiSocket::APPLICATION;
    config.mhSendBytes = 3000000;
    config.chSendBytes = 1000000;
    WiredRun run(config);
    Ptr<Node> mh = run.topology.GetHost(WiredHandoverTopology::MH);
    Ptr<MobiSocket> oldSocket;
    Ptr<MobiSocket> newSocket;
    uint16_t oldPort = 0;
    int rc = -2;
    Simulator::Schedule(Seconds(1), [&]() {
        oldSocket = run.MhSocket();
        Address local;
        oldSocket->GetSockName(local);
        oldPort = PortOf(local);
        run.topology.Attach(WiredHandoverTopology::MH, 1);
        newSocket = MobiSocketHelper::CreateSocket(mh);
        newSocket->BindToNetDevice(run.topology.GetDevice(WiredHandoverTopology::MH, 1));
        BOOST_TEST(newSocket->Bind(InetSocketAddress(MH_B, newPort)) == 0);
        rc = MobiSocket::CopyTcb(newSocket, oldSocket);
        run.mhApp->SetSocket(newSocket);
        if (!inBand)
        {
            Simulator::Schedule(MilliSeconds(30), [&]() {
                run.ChSocket()->UpdateTcb(MobiSocket::DESTINATION,
                                          InetSocketAddress(MH_B, newPort));
            });
        }
    });
    Simulator::Schedule(Seconds(1.5),
                        [&]() { run.topology.SetLinkUp(WiredHandoverTopology::MH, 0, false); });
    run.Run(Seconds(12));

    BOOST_TEST(rc == 0);
    BOOST_TEST(oldSocket->GetState() == TcpSocket::CLOSED);
    BOOST_TEST(newSocket->GetState() == TcpSocket::ESTABLISHED);
    BOOST_TEST(newSocket->IsMobilityActive());
    BOOST_TEST(newSocket->GetToken() == run.ChSocket()->GetToken());
    Address peer;
    run.ChSocket()->GetPeerName(peer);
    BOOST_TEST(AddressOf(peer) == MH_B);
    BOOST_TEST(PortOf(peer) == newPort);
    BOOST_TEST(run.chApp->GetBytesReceived() == 3000000u);
    BOOST_TEST(run.mhApp->GetBytesReceived() == 1000000u);
    BOOST_TEST(run.chApp->IsIntact());
    BOOST_TEST(run.mhApp->IsIntact());
    BOOST_TEST(!run.chApp->HasFailed());
    // The old socket went without FIN or RST.
    BOOST_TEST(CountFlag(run.mhTx, TcpHeader::FIN | TcpHeader::RST, MH_A, oldPort, Seconds(0)) ==
               0);
    // The CH kept sending to the old 4-tuple until it learnt the new one; the
    // MH's stack dropped those segments instead of answering with RSTs.
    Ptr<MobilityDemux> demux = mh->GetObject<MobilityDemux>();
    BOOST_TEST(demux->GetDropCount(MobilityDemux::TOMBSTONE) > 0u);
}

BOOST_DATA_TEST_CASE(copy_tcb_carries_the_congestion_state,
                     bdata::make({false, true}),
                     policyOnCopy)
{
    // The paper's copyTCB copies CWND, AWND and RTO: the connection goes on
    // at the rate it had. CongestionPolicyOnCopy applies CongestionPolicy
    // (here ResetToInitial) instead, for interfaces of very different paths.
    WiredRunConfig config;
    config.mhSendBytes = 3000000;
    WiredRun run(config);
    Ptr<Node> mh = run.topology.GetHost(WiredHandoverTopology::MH);
    RelocatableTcpSocket::CongestionState before;
    RelocatableTcpSocket::CongestionState after;
    uint32_t initialWindow = 0;
    int rc = -2;
    Simulator::Schedule(Seconds(1), [&]() {
        Ptr<MobiSocket> oldSocket = run.MhSocket();
        run.topology.Attach(WiredHandoverTopology::MH, 1);
        // A setting of the connection: it travels with it to the new socket.
        oldSocket->SetAttribute("CongestionPolicyOnCopy", BooleanValue(policyOnCopy));
        Ptr<MobiSocket> newSocket = MobiSocketHelper::CreateSocket(mh);
        newSocket->BindToNetDevice(run.topology.GetDevice(WiredHandoverTopology::MH, 1));
        BOOST_TEST(newSocket->Bind(InetSocketAddress(MH_B, 45000)) == 0);
        UintegerValue iw;
        UintegerValue segment;
        newSocket->GetAttribute("InitialCwnd", iw);
        oldSocket->GetAttribute("SegmentSize", segment);
        initialWindow = iw.Get() * segment.Get();
        before = oldSocket->GetCongestionState();
        rc = MobiSocket::CopyTcb(newSocket, oldSocket);
        after = newSocket->GetCongestionState();
        run.mhApp->SetSocket(newSocket);
        Simulator::Schedule(MilliSeconds(30), [&run]() {
            run.ChSocket()->UpdateTcb(MobiSocket::DESTINATION, InetSocketAddress(MH_B, 45000));
        });
    });
    run.Run(Seconds(12));

    BOOST_TEST(rc == 0);
    BOOST_TEST(before.cWnd > 4 * initialWindow); // the transfer had opened its window
    BOOST_TEST(before.rttEstimate > MilliSeconds(20));
    if (!policyOnCopy)
    {
        BOOST_TEST(after.cWnd == before.cWnd);
        BOOST_TEST(after.ssThresh == before.ssThresh);
        BOOST_TEST(after.rto == before.rto);
        BOOST_TEST(after.rttEstimate == before.rttEstimate);
    }
    else
    {
        BOOST_TEST(after.cWnd == initialWindow);
        BOOST_TEST(after.rttEstimate != before.rttEstimate); // the estimator starts afresh
    }
    BOOST_TEST(run.chApp->GetBytesReceived() == 3000000u);
    BOOST_TEST(run.chApp->IsIntact());
}

/// Which quick-ACK rules a receiver follows (RelocatableTcpSocket attributes).
struct QuickAckRules
{
    bool afterIdle;       //!< QuickAckAfterIdle
    uint32_t afterMove;   //!< QuickAcksAfterMove
    bool expectImmediate; //!< the restart segment is acknowledged at once

    /// \param os stream \param r rules \return os
    friend std::ostream& operator<<(std::ostream& os, const QuickAckRules& r)
    {
        return os << "after idle " << r.afterIdle << ", after move " << r.afterMove;
    }
};

BOOST_DATA_TEST_CASE(
    first_data_after_an_idle_rto_is_acknowledged_at_once,
    bdata::make(std::vector<QuickAckRules>{{true, 0, true}, {false, 16, true}, {false, 0, false}}),
    rules)
{
    // A 1.5 s outage: the CH receives nothing for longer than its RTO (1 s).
    // In band, the CH's restart ACK reaches the MH before it resumes, so the
    // MH's restart sends one new segment; like Linux (quick-ack mode), the CH
    // acknowledges it at once instead of waiting DelAckTimeout (200 ms) for a
    // second one, which would stall the restarted connection. Either rule is
    // enough here: the data comes after an idle RTO, and after a move.
    const bool quickAck = rules.expectImmediate;
    Config::SetDefault("ns3::RelocatableTcpSocket::QuickAckAfterIdle",
                       BooleanValue(rules.afterIdle));
    Config::SetDefault("ns3::RelocatableTcpSocket::QuickAcksAfterMove",
                       UintegerValue(rules.afterMove));
    WiredRunConfig config;
    config.signalling = MobiSocket::IN_BAND;
    config.mhSendBytes = 3000000;
    WiredRun run(config);
    run.topology.ScheduleHandover(WiredHandoverTopology::MH, Seconds(1), MilliSeconds(1500));
    run.UpdateOnMove(Seconds(0), true);
    run.Run(Seconds(12));

    std::vector<Segment> restart = DataFrom(run.mhTx, MH_B);
    BOOST_REQUIRE(!restart.empty());
    const Segment& first = restart.front();
    // The CH's first ACK to the new address after the restart segment.
    Time acked = Seconds(-1);
    for (const Segment& s : run.chTx.segments)
    {
        if (s.time > first.time && s.destination == MH_B && s.payload == 0 &&
            s.ack == first.sequence + first.payload)
        {
            acked = s.time;
            break;
        }
    }
    BOOST_REQUIRE(acked.IsPositive());
    const Time oneWay = MilliSeconds(10); // plus ~0.5 ms of transmission
    if (quickAck)
    {
        BOOST_TEST(acked - first.time < oneWay + MilliSeconds(2));
    }
    else
    {
        BOOST_TEST(acked - first.time >= oneWay + MilliSeconds(200)); // DelAckTimeout
    }
    BOOST_TEST(run.chApp->GetBytesReceived() == 3000000u);
    BOOST_TEST(run.chApp->IsIntact());
}

BOOST_DATA_TEST_CASE(reset_timer_timing, bdata::make({0, 1}), resetTimer)
{
    // A 10 s outage backs the MH's retransmission timer off to 8 s (it
    // fires 1, 3 and 7 s into the outage). With ResetTimer the first segment from the new address
    // leaves at once; without it, at the next expiry of the backed-off timer.
    WiredRunConfig config;
    config.mhSendBytes = 3000000;
    WiredRun run(config);
    run.topology.ScheduleHandover(WiredHandoverTopology::MH, Seconds(1), Seconds(10));
    run.UpdateOnMove(MilliSeconds(20), resetTimer);
    run.Run(Seconds(40));

    const Time update = Seconds(11) + MilliSeconds(20); // the peer's update, then ResetTimer
    std::vector<Segment> before = DataFrom(run.mhTx, MH_A);
    std::vector<Segment> after = DataFrom(run.mhTx, MH_B);
    BOOST_REQUIRE(!after.empty());
    // The retransmissions of the head segment during the outage, doubling.
    std::vector<Time> retx;
    for (const Segment& s : before)
    {
        if (s.time > Seconds(1) && s.sequence == before.back().sequence)
        {
            retx.push_back(s.time);
        }
    }
    CheckRestartTiming(retx, after.front().time, update, resetTimer);
    BOOST_TEST(run.chApp->GetBytesReceived() == 3000000u);
    BOOST_TEST(run.chApp->IsIntact());
}

BOOST_DATA_TEST_CASE(outage_longer_than_tcp_gives_up, bdata::make({0, 1}), mobile)
{
    // ns-3's TCP aborts about 123 s after the last progress (MinRto 1 s,
    // 6 retries). A 150 s outage kills it; MobiSocket survives.
    WiredRunConfig config;
    config.mhMobile = mobile;
    config.chMobile = mobile;
    config.mhSendBytes = 3000000;
    WiredRun run(config);
    run.topology.ScheduleHandover(WiredHandoverTopology::MH, Seconds(1), Seconds(150));
    Time failedAt;
    Simulator::Schedule(Seconds(0.5), [&]() {
        run.mhApp->GetSocket()->SetCloseCallbacks(
            MakeNullCallback<void, Ptr<Socket>>(),
            MakeCallback(+[](Time* t, Ptr<Socket>) { *t = Simulator::Now(); }).Bind(&failedAt));
    });
    if (mobile)
    {
        run.UpdateOnMove(MilliSeconds(20), true);
    }
    run.Run(Seconds(170));

    if (mobile)
    {
        BOOST_TEST(failedAt.IsZero());
        BOOST_TEST(run.chApp->GetBytesReceived() == 3000000u);
        BOOST_TEST(run.chApp->IsIntact());
        BOOST_TEST(run.MhSocket()->GetRetainedTimeouts() > 0u);
    }
    else
    {
        BOOST_TEST(failedAt > Seconds(120));
        BOOST_TEST(failedAt < Seconds(130));
        BOOST_TEST(run.chApp->GetBytesReceived() < 3000000u);
        BOOST_TEST(run.chApp->IsIntact());
    }
}

BOOST_AUTO_TEST_CASE(mobility_timeout_bounds_retention)
{
    // The address never comes back: MobiSocket aborts, as TCP would, exactly
    // MobilityTimeout after the outage began.
    Config::SetDefault("ns3::RelocatableTcpSocket::MobilityTimeout", TimeValue(Seconds(200)));
    WiredRunConfig config;
    config.mhSendBytes = 3000000;
    WiredRun run(config);
    Simulator::Schedule(Seconds(1),
                        [&]() { run.topology.SetLinkUp(WiredHandoverTopology::MH, 0, false); });
    Time outageStart;
    Time failedAt;
    Counter expired;
    Simulator::Schedule(Seconds(0.5), [&]() {
        Ptr<MobiSocket> s = run.MhSocket();
        s->TraceConnectWithoutContext("OutageStarted", MakeCallback(+[](Time* out, Time start) {
                                                           *out = start;
                                                       }).Bind(&outageStart));
        s->TraceConnectWithoutContext("MobilityTimeoutExpired",
                                      MakeCallback(&Counter::Hit, &expired));
        s->SetCloseCallbacks(
            MakeNullCallback<void, Ptr<Socket>>(),
            MakeCallback(+[](Time* t, Ptr<Socket>) { *t = Simulator::Now(); }).Bind(&failedAt));
    });
    run.Run(Seconds(400));
    // The expired timer was armed by the last segment sent before the failure.
    BOOST_TEST(outageStart > Seconds(0.99));
    BOOST_TEST(outageStart <= Seconds(1));
    BOOST_TEST(expired.count == 1);
    BOOST_TEST(failedAt == outageStart + Seconds(200));
    BOOST_TEST(run.MhSocket()->IsAlive() == false);
}

BOOST_AUTO_TEST_CASE(no_handover_same_segments_as_tcp)
{
    // With mobility active and no handover the wire carries exactly what
    // plain TCP sends (apart from the SYN option) and nothing is signed.
    std::vector<std::vector<Segment>> wire;
    std::vector<uint64_t> signatures;
    for (bool mobile : {false, true})
    {
        WiredRunConfig config;
        config.mhMobile = mobile;
        config.chMobile = mobile;
        config.mhSendBytes = 2000000;
        config.chSendBytes = 200000;
        WiredRun run(config);
        run.Run(Seconds(6));
        BOOST_TEST(run.chApp->GetBytesReceived() == 2000000u);
        std::vector<Segment> all = run.mhTx.segments;
        all.insert(all.end(), run.chTx.segments.begin(), run.chTx.segments.end());
        wire.push_back(all);
        uint64_t n = 0;
        for (uint32_t h = 0; h < 2; ++h)
        {
            Ptr<CryptoAgent> agent =
                run.topology.GetHost(WiredHandoverTopology::Host(h))->GetObject<CryptoAgent>();
            n += agent->GetCount(CryptoAgent::SIGN) + agent->GetCount(CryptoAgent::VERIFY);
        }
        signatures.push_back(n);
        Simulator::Destroy();
    }
    BOOST_TEST(signatures[1] == 0u);
    BOOST_REQUIRE(wire[0].size() == wire[1].size());
    WireComparison diff = CompareWire(wire[0], wire[1], false);
    BOOST_TEST(diff.mismatches == 0);
    BOOST_TEST(diff.optionDifferences == 2); // SYN and SYN+ACK
    // The SYN and SYN+ACK are 12 bytes longer: 2 x 2 links x 9.6 us.
    BOOST_TEST(diff.maxShift <= MicroSeconds(40));
}

BOOST_AUTO_TEST_CASE(reset_from_a_peer_not_yet_updated_is_ignored)
{
    // The CH is the client (no listener). The MH moves and retransmits from
    // its new address before the CH has updated: the CH's stack answers with
    // a RST, which must not kill the MH's connection.
    WiredRunConfig config;
    config.mhConnects = false;
    config.mhSendBytes = 2000000;
    WiredRun run(config);
    run.topology.ScheduleHandover(WiredHandoverTopology::MH, Seconds(1), MilliSeconds(500));
    run.topology.SetAddressChangeCallback(
        MakeCallback(+[](WiredRun* r, uint32_t, Ipv4Address, Ipv4Address n) {
            r->MhSocket()->UpdateTcb(MobiSocket::SOURCE, InetSocketAddress(n, 0));
            r->MhSocket()->ResetTimer(); // too early: the CH does not know yet
            Simulator::Schedule(MilliSeconds(300), [r, n]() {
                r->ChSocket()->UpdateTcb(MobiSocket::DESTINATION, InetSocketAddress(n, 0));
                r->ChSocket()->ResetTimer();
                r->MhSocket()->ResetTimer();
            });
        }).Bind(&run));
    run.Run(Seconds(10));
    BOOST_TEST(CountFlag(run.chTx,
                         TcpHeader::RST,
                         CH_A,
                         PortOf([&]() {
                             Address a;
                             run.ChSocket()->GetSockName(a);
                             return a;
                         }()),
                         Seconds(1.4)) >= 1);
    BOOST_TEST(run.MhSocket()->GetIgnoredResets() >= 1u);
    BOOST_TEST(run.chApp->GetBytesReceived() == 2000000u);
    BOOST_TEST(run.chApp->IsIntact());
    BOOST_TEST(!run.mhApp->HasFailed());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(in_band, NsFixture)

BOOST_AUTO_TEST_CASE(exchange_timing)
{
    // AddChange out after one signature; CH answers after verify + sign; the
    // MH is done after a verification: 2 one-way trips + 2 signs + 2 verifies.
    WiredRunConfig config;
    config.signalling = MobiSocket::IN_BAND;
    config.mhSendBytes = 2000000;
    WiredRun run(config);
    run.topology.ScheduleHandover(WiredHandoverTopology::MH, Seconds(1), MilliSeconds(500));
    run.UpdateOnMove(Seconds(0), true);
    Counter sent;
    Counter received;
    Counter confirmed;
    Simulator::Schedule(Seconds(0.5), [&]() {
        run.MhSocket()->GetExchange()->TraceConnectWithoutContext(
            "UpdateSent",
            MakeCallback(&Counter::HitChange, &sent));
        run.ChSocket()->GetExchange()->TraceConnectWithoutContext(
            "UpdateAccepted",
            MakeCallback(&Counter::HitChange, &received));
        run.MhSocket()->GetExchange()->TraceConnectWithoutContext(
            "ConfirmAccepted",
            MakeCallback(&Counter::HitConfirm, &confirmed));
    });
    run.Run(Seconds(10));
    const Time move = Seconds(1.5);
    const Time sign = NanoSeconds(460265);
    const Time verify = NanoSeconds(812627);
    const Time oneWay = MilliSeconds(10); // propagation; transmission adds ~0.2 ms
    BOOST_TEST(sent.count == 1);
    BOOST_TEST(received.count == 1);
    BOOST_TEST(confirmed.count == 1);
    BOOST_TEST(sent.last == move + sign);
    BOOST_TEST(received.last >= move + sign + oneWay + verify);
    BOOST_TEST(received.last <= move + sign + oneWay + verify + MicroSeconds(300));
    BOOST_TEST(confirmed.last >= move + 2 * (sign + verify + oneWay));
    BOOST_TEST(confirmed.last <= move + 2 * (sign + verify + oneWay) + MicroSeconds(600));
    BOOST_TEST(run.chApp->IsIntact());
}

BOOST_AUTO_TEST_CASE(lost_add_change_is_retransmitted)
{
    WiredRunConfig config;
    config.signalling = MobiSocket::IN_BAND;
    config.mhSendBytes = 2000000;
    WiredRun run(config);
    run.topology.ScheduleHandover(WiredHandoverTopology::MH, Seconds(1), MilliSeconds(500));
    run.UpdateOnMove(Seconds(0), true);
    // The new link loses everything for 300 ms after the move: the first AddChange is lost.
    Simulator::Schedule(Seconds(1.5),
                        [&]() { run.topology.SetLinkUp(WiredHandoverTopology::MH, 1, false); });
    Simulator::Schedule(Seconds(1.8),
                        [&]() { run.topology.SetLinkUp(WiredHandoverTopology::MH, 1, true); });
    Counter confirmed;
    Simulator::Schedule(Seconds(0.5), [&]() {
        run.MhSocket()->GetExchange()->TraceConnectWithoutContext(
            "ConfirmAccepted",
            MakeCallback(&Counter::HitConfirm, &confirmed));
    });
    run.Run(Seconds(12));
    BOOST_TEST(run.MhSocket()->GetAnnouncementTransmissions() == 2u);
    BOOST_TEST(confirmed.count == 1);
    BOOST_TEST(confirmed.last > Seconds(2.5)); // after the first timeout (1 s)
    BOOST_TEST(run.chApp->GetBytesReceived() == 2000000u);
    BOOST_TEST(run.chApp->IsIntact());
}

BOOST_AUTO_TEST_CASE(application_verifier)
{
    // Without the peer's public key the socket asks the application, which
    // may refuse the change.
    for (bool accept : {true, false})
    {
        WiredRunConfig config;
        config.signalling = MobiSocket::IN_BAND;
        config.givePeerKeys = false;
        config.mhSendBytes = 2000000;
        WiredRun run(config);
        run.topology.ScheduleHandover(WiredHandoverTopology::MH, Seconds(1), MilliSeconds(500));
        run.UpdateOnMove(Seconds(0), true);
        int asked = 0;
        int confirmsAsked = 0;
        Simulator::Schedule(Seconds(0.5), [&]() {
            run.ChSocket()->SetAddChangeVerifier(
                MakeCallback(+[](int* n, bool ok, Ptr<MobiSocket>, const AddChangeHeader& h) {
                    ++*n;
                    return ok && h.GetNewAddress() == MH_B;
                }).Bind(&asked, accept));
            run.MhSocket()->SetAddConfirmVerifier(
                MakeCallback(+[](int* n, Ptr<MobiSocket>, const AddConfirmHeader& h) {
                    ++*n;
                    return h.GetNewAddress() == MH_B;
                }).Bind(&confirmsAsked));
        });
        Address peer;
        Simulator::Schedule(Seconds(7.9), [&]() { run.ChSocket()->GetPeerName(peer); });
        run.Run(Seconds(8));
        BOOST_TEST_CONTEXT("accept " << accept)
        {
            Ptr<CryptoAgent> chCrypto =
                run.topology.GetHost(WiredHandoverTopology::CH)->GetObject<CryptoAgent>();
            BOOST_TEST(chCrypto->GetCount(CryptoAgent::VERIFY) == 0u); // the application verified
            if (accept)
            {
                BOOST_TEST(asked == 1);
                BOOST_TEST(confirmsAsked == 1);
                BOOST_TEST(AddressOf(peer) == MH_B);
                BOOST_TEST(run.chApp->GetBytesReceived() == 2000000u);
            }
            else
            {
                // Each retransmission is asked again and refused (1 + 1 + 2 s timeouts).
                BOOST_TEST(asked == 3);
                BOOST_TEST(run.ChSocket()->GetRejectCount(ChangeRejectReason::REFUSED) == 3u);
                BOOST_TEST(confirmsAsked == 0);
                BOOST_TEST(AddressOf(peer) == MH_A);
                BOOST_TEST(run.chApp->GetBytesReceived() < 2000000u);
            }
            BOOST_TEST(run.chApp->IsIntact());
        }
        Simulator::Destroy();
    }
}

BOOST_AUTO_TEST_CASE(forged_replayed_and_malformed_messages_change_nothing)
{
    WiredRunConfig config;
    config.signalling = MobiSocket::IN_BAND;
    config.mhSendBytes = 6000000;
    WiredRun run(config);
    Ptr<Node> mh = run.topology.GetHost(WiredHandoverTopology::MH);
    Ptr<Node> ch = run.topology.GetHost(WiredHandoverTopology::CH);
    // Two moves: A -> B at 1.5 s (sequence 1), B -> A at 3.0 s (sequence 2).
    run.topology.ScheduleHandover(WiredHandoverTopology::MH, Seconds(1), MilliSeconds(500));
    run.topology.ScheduleHandover(WiredHandoverTopology::MH, Seconds(2.8), MilliSeconds(200));
    run.UpdateOnMove(Seconds(0), true);
    std::vector<std::vector<uint8_t>> captured;
    Simulator::Schedule(Seconds(0.5), [&]() {
        run.MhSocket()->GetExchange()->TraceConnectWithoutContext(
            "UpdateSent",
            MakeCallback(+[](std::vector<std::vector<uint8_t>>* out, const AddressUpdateHeader& h) {
                out->push_back(Serialize(h));
            }).Bind(&captured));
    });
    uint16_t mhPort = 0;
    uint64_t token = 0;
    Address chPeerBefore;
    Simulator::Schedule(Seconds(4), [&]() {
        Address a;
        run.MhSocket()->GetSockName(a);
        mhPort = PortOf(a);
        token = run.MhSocket()->GetToken();
        run.ChSocket()->GetPeerName(chPeerBefore);
        BOOST_REQUIRE(captured.size() == 2u);
        Ptr<CryptoAgent> agent = CreateObject<CryptoAgent>();
        const Ipv4Address attackerAddress = MH_B; // the address the MH left

        // 1. Replay of the first AddChange (A -> B, sequence 1): its old
        //    address is again the MH's current one, only the sequence number
        //    tells it is stale.
        InjectUrgentSegment(mh, MH_B, mhPort, CH_A, WiredRun::PORT, captured[0]);

        // 2. Forged: a fresh sequence number, signed with the attacker's key.
        AddChangeHeader forged;
        forged.SetToken(token);
        forged.SetSequence(10);
        forged.SetOldAddress(MH_A);
        forged.SetNewAddress(attackerAddress);
        forged.SetNewPort(mhPort);
        std::array<uint8_t, 32> seed;
        seed.fill(0x66);
        SignatureAuthenticator::Sign(forged, agent, Ed25519KeyPair::FromSeed(seed));
        InjectUrgentSegment(mh, attackerAddress, mhPort, CH_A, WiredRun::PORT, Serialize(forged));

        // 3. Properly signed (the MH's key) but sent from another address than it names.
        AddChangeHeader misplaced = forged;
        misplaced.SetSequence(11);
        SignatureAuthenticator::Sign(misplaced, agent, run.mhKeys);
        InjectUrgentSegment(mh,
                            Ipv4Address("10.1.1.99"),
                            mhPort,
                            CH_A,
                            WiredRun::PORT,
                            Serialize(misplaced));

        // 4. Wrong token: no connection has it.
        AddChangeHeader stranger = forged;
        stranger.SetToken(token + 1);
        InjectUrgentSegment(mh, attackerAddress, mhPort, CH_A, WiredRun::PORT, Serialize(stranger));

        // 5. Truncated after the envelope, and 6. inside the envelope.
        std::vector<uint8_t> truncated = Serialize(forged);
        truncated.resize(50);
        InjectUrgentSegment(mh, attackerAddress, mhPort, CH_A, WiredRun::PORT, truncated);
        truncated.resize(10);
        InjectUrgentSegment(mh, attackerAddress, mhPort, CH_A, WiredRun::PORT, truncated);

        // 7. An AddConfirm nobody asked for, to the MH.
        AddConfirmHeader unasked;
        unasked.SetToken(token);
        unasked.SetSequence(20);
        unasked.SetNewAddress(MH_A);
        unasked.SetNewPort(mhPort);
        SignatureAuthenticator::Sign(unasked, agent, run.chKeys);
        InjectUrgentSegment(ch, CH_A, WiredRun::PORT, MH_A, mhPort, Serialize(unasked));
    });
    Address chPeerAfter;
    Simulator::Schedule(Seconds(4.5), [&]() { run.ChSocket()->GetPeerName(chPeerAfter); });
    run.Run(Seconds(15));

    Ptr<MobiSocket> chSocket = run.ChSocket();
    Ptr<MobiSocket> mhSocket = run.MhSocket();
    BOOST_TEST(AddressOf(chPeerBefore) == MH_A);
    BOOST_TEST(chPeerAfter == chPeerBefore);
    BOOST_TEST(chSocket->GetRejectCount(ChangeRejectReason::REPLAYED) == 1u);
    BOOST_TEST(chSocket->GetRejectCount(ChangeRejectReason::BAD_AUTHENTICATOR) == 1u);
    BOOST_TEST(chSocket->GetRejectCount(ChangeRejectReason::ADDRESS_MISMATCH) == 1u);
    BOOST_TEST(chSocket->GetRejectCount(ChangeRejectReason::MALFORMED) == 1u);
    BOOST_TEST(mhSocket->GetRejectCount(ChangeRejectReason::UNEXPECTED) == 1u);
    Ptr<MobilityDemux> chDemux = ch->GetObject<MobilityDemux>();
    BOOST_TEST(chDemux->GetDropCount(MobilityDemux::UNKNOWN_TOKEN) == 1u);
    BOOST_TEST(chDemux->GetDropCount(MobilityDemux::MALFORMED) == 1u);
    // Only the two genuine changes were accepted.
    BOOST_TEST(run.chApp->GetBytesReceived() == 6000000u);
    BOOST_TEST(run.chApp->IsIntact());
    BOOST_TEST(!run.mhApp->HasFailed());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(attribute_defaults, NsFixture)

/**
 * \param path "ns3::Type::Attribute"
 * \return the attribute's default now, as text
 */
std::string
DefaultOf(const std::string& path)
{
    std::string::size_type split = path.rfind("::");
    TypeId tid = TypeId::LookupByName(path.substr(0, split));
    TypeId::AttributeInformation info;
    BOOST_REQUIRE(tid.LookupAttributeByName(path.substr(split + 2), &info));
    return info.initialValue->SerializeToString(info.checker);
}

BOOST_AUTO_TEST_CASE(a_run_keeps_the_users_defaults_and_puts_back_its_own)
{
    // What a user sets before a run (Config::SetDefault, or --ns3::... on an
    // example's command line) applies to it...
    Config::SetDefault("ns3::TcpSocket::InitialCwnd", UintegerValue(4));
    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1000));
    WiredScenario::Parameters p;
    p.protocol = "tcp";
    p.mhMoveAtS = -1;
    p.mhSendBytes = 100000;
    p.segmentBytes = 600; // the scenario's own default for this run
    p.queuePackets = 50;
    p.simTimeS = 2;
    {
        WiredScenario run(p);
        uint32_t initialCwnd = 0;
        uint32_t segmentSize = 0;
        Simulator::Schedule(Seconds(1), [&]() {
            Ptr<Socket> socket = run.GetApplication(Host::MH)->GetSocket();
            BOOST_REQUIRE(socket);
            UintegerValue value;
            socket->GetAttribute("InitialCwnd", value);
            initialCwnd = value.Get();
            socket->GetAttribute("SegmentSize", value);
            segmentSize = value.Get();
        });
        ScenarioResult r = run.Run();
        BOOST_TEST(r.uplinkBytes == 100000u);
        BOOST_TEST(initialCwnd == 4u);
        BOOST_TEST(segmentSize == 600u);
        // ... the defaults the run sets hold while it exists ...
        BOOST_TEST(DefaultOf("ns3::TcpSocket::SegmentSize") == "600");
        Simulator::Destroy();
    }
    // ... and are put back after it; the user's stay.
    BOOST_TEST(DefaultOf("ns3::TcpSocket::SegmentSize") == "1000");
    BOOST_TEST(DefaultOf("ns3::DropTailQueue<Packet>::MaxSize") == "100p");
    BOOST_TEST(DefaultOf("ns3::TcpSocket::InitialCwnd") == "4");
}

BOOST_AUTO_TEST_CASE(the_static_run_applies_the_users_defaults)
{
    // A bulk transfer through the default queues loses packets; CUBIC and
    // NewReno (set as a user would, before the run) recover differently.
    WiredScenario::Parameters p;
    p.protocol = "tcp";
    p.mhMoveAtS = -1;
    p.simTimeS = 10;
    ScenarioResult cubic = WiredScenario::Run(p);
    Config::SetDefault("ns3::TcpL4Protocol::SocketType", TypeIdValue(TcpNewReno::GetTypeId()));
    ScenarioResult newReno = WiredScenario::Run(p);
    BOOST_TEST(cubic.uplinkBytes == p.mhSendBytes);
    BOOST_TEST(newReno.uplinkBytes == p.mhSendBytes);
    BOOST_TEST(cubic.retransmissions > 0u);
    BOOST_TEST(newReno.retransmissions != cubic.retransmissions);
}

/// \return the MinRto of the MH's socket one second into a run of p
Time
MinRtoOfARun(const WiredScenario::Parameters& p)
{
    Time minRto;
    WiredScenario run(p);
    Simulator::Schedule(Seconds(1), [&]() {
        TimeValue value;
        run.GetApplication(Host::MH)->GetSocket()->GetAttribute("MinRto", value);
        minRto = value.Get();
    });
    run.Run();
    Simulator::Destroy();
    return minRto;
}

BOOST_AUTO_TEST_CASE(min_rto_is_a_parameter_and_minus_one_keeps_the_users)
{
    WiredScenario::Parameters p;
    p.protocol = "tcp";
    p.mhMoveAtS = -1;
    p.mhSendBytes = 100000;
    p.simTimeS = 2;
    BOOST_TEST(MinRtoOfARun(p) == Seconds(1)); // ns-3's
    p.minRtoMs = 200;                          // Linux's
    BOOST_TEST(MinRtoOfARun(p) == MilliSeconds(200));
    BOOST_TEST(DefaultOf("ns3::TcpSocketBase::MinRto") == "+1e+09ns"); // put back
    Config::SetDefault("ns3::TcpSocketBase::MinRto", TimeValue(MilliSeconds(300)));
    p.minRtoMs = -1;
    BOOST_TEST(MinRtoOfARun(p) == MilliSeconds(300));
    for (const char* bad : {"0", "-2", "60001"})
    {
        BOOST_REQUIRE(p.Set("minRtoMs", bad) == "");
        BOOST_TEST(p.Validate().find("'minRtoMs'") != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(a_shorter_min_rto_retransmits_sooner_after_a_move)
{
    // Plain TCP never recovers from the move: its retransmissions back off
    // from MinRto, so with 200 ms there are more expiries in the same time.
    WiredScenario::Parameters p;
    p.protocol = "tcp";
    p.mhSendBytes = 4000000; // still sending when it moves at 2 s
    p.mhMoveAtS = 2;
    p.simTimeS = 8;
    ScenarioResult ns3Default = WiredScenario::Run(p);
    p.minRtoMs = 200;
    ScenarioResult linuxLike = WiredScenario::Run(p);
    BOOST_TEST(linuxLike.rtoExpiries > ns3Default.rtoExpiries);
}

BOOST_AUTO_TEST_CASE(a_default_that_does_not_exist_stops_with_its_name)
{
    ChildOutcome outcome = RunInChild([]() {
        ScopedAttributeDefaults defaults;
        defaults.Set("ns3::TcpSocket::NoSuchAttribute", UintegerValue(1));
    });
    BOOST_TEST(outcome.stopped);
    BOOST_TEST(outcome.stderrText.find("ns3::TcpSocket::NoSuchAttribute") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
