/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mobisocket-test
 * The TCP-R baseline on the wired test bed (20 ms round trip): the secret
 * agreed at every connection, the redirect after a move, frozen timers,
 * forged and replayed redirects, both ends moving, and the per-connection
 * cost without any handover.
 */

#define BOOST_TEST_MODULE tcp_r
#include "mobisocket-test-support.h"

#include <boost/test/unit_test.hpp>

using namespace ns3;

namespace
{

constexpr uint16_t PORT = 5001; //!< CH's listening port

/// The wired test bed with TCP-R on both hosts (or plain TCP on the CH).
using TcpRBed = KeyAgreeingBed<TcpRHelper, TcpRSocketFactory, TcpRSocket>;

} // namespace

BOOST_FIXTURE_TEST_SUITE(key_agreement, NsFixture)

BOOST_AUTO_TEST_CASE(every_connection_agrees_a_secret)
{
    TcpRBed bed(1000000);
    When mhSecret;
    When chSecret;
    Simulator::Schedule(Seconds(0.12), [&]() {
        bed.Mh()->TraceConnectWithoutContext("SecretAgreed", MakeCallback(&When::Now, &mhSecret));
    });
    bed.chApp->TraceConnectWithoutContext("Connected", MakeCallback(+[](When* w, Ptr<Socket> s) {
                                                           s->TraceConnectWithoutContext(
                                                               "SecretAgreed",
                                                               MakeCallback(&When::Now, w));
                                                       }).Bind(&chSecret));
    Simulator::Stop(Seconds(3));
    Simulator::Run();

    BOOST_TEST(bed.Mh()->IsTcpRActive());
    BOOST_TEST(bed.Ch()->IsTcpRActive());
    BOOST_TEST(bed.Mh()->HasSecret());
    BOOST_TEST(bed.Ch()->HasSecret());
    BOOST_TEST(bed.chApp->GetBytesReceived() == 1000000u);
    // One key share and one agreement on each end, two control segments.
    for (auto host : {WiredHandoverTopology::MH, WiredHandoverTopology::CH})
    {
        BOOST_TEST(bed.Ops(host, CryptoAgent::KEY_GENERATION) == 1u);
        BOOST_TEST(bed.Ops(host, CryptoAgent::KEY_AGREEMENT) == 1u);
        BOOST_TEST(bed.Ops(host, CryptoAgent::SIGN) == 0u);
    }
    BOOST_TEST(TcpRBed::Control(bed.mhTx) == 1);
    BOOST_TEST(TcpRBed::Control(bed.chTx) == 1);
    // Both ends make their share when established; the responder answers
    // the opener's share at once and agrees; the opener agrees when the
    // answer arrives, one one-way trip later (10 ms plus transmission).
    BOOST_TEST(mhSecret.n == 1);
    BOOST_TEST(chSecret.n == 1);
    BOOST_TEST(mhSecret.at - chSecret.at >= MilliSeconds(10));
    BOOST_TEST(mhSecret.at - chSecret.at <= MilliSeconds(10) + MicroSeconds(300));
}

BOOST_AUTO_TEST_CASE(plain_tcp_peer_costs_nothing)
{
    TcpRBed bed(1000000, false);
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    BOOST_TEST(!bed.Mh()->IsTcpRActive());
    BOOST_TEST(bed.chApp->GetBytesReceived() == 1000000u);
    BOOST_TEST(bed.Ops(WiredHandoverTopology::MH, CryptoAgent::KEY_GENERATION) == 0u);
    BOOST_TEST(TcpRBed::Control(bed.mhTx) == 0);
}

BOOST_AUTO_TEST_CASE(lost_key_share_is_retransmitted)
{
    TcpRBed bed(500000);
    // The CH's link drops everything for 100 ms right after the handshake:
    // the opener's first share is lost and sent again after the 1 s RTO.
    Simulator::Schedule(Seconds(0.121),
                        [&]() { bed.topology.SetLinkUp(WiredHandoverTopology::CH, 0, false); });
    Simulator::Schedule(Seconds(0.221),
                        [&]() { bed.topology.SetLinkUp(WiredHandoverTopology::CH, 0, true); });
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    BOOST_TEST(bed.Mh()->HasSecret());
    BOOST_TEST(bed.Ch()->HasSecret());
    BOOST_TEST(TcpRBed::Control(bed.mhTx) == 2);
    BOOST_TEST(bed.chApp->IsIntact());
}

BOOST_AUTO_TEST_CASE(cost_grows_with_the_number_of_connections)
{
    // No handover at all: N short connections each pay a key share and a
    // key agreement on both ends.
    CheckOneKeyAgreementPerConnection<TcpRHelper, TcpRSocketFactory>();
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(redirect, NsFixture)

BOOST_AUTO_TEST_CASE(survives_a_move_with_frozen_timers)
{
    TcpRBed bed(3000000);
    bed.MoveMh(Seconds(1), Seconds(2));
    When confirmed;
    When redirected;
    Simulator::Schedule(Seconds(0.5), [&]() {
        bed.Mh()->GetExchange()->TraceConnectWithoutContext(
            "ConfirmAccepted",
            MakeCallback(&When::Confirm, &confirmed));
        bed.Mh()->GetExchange()->TraceConnectWithoutContext(
            "UpdateSent",
            MakeCallback(&When::Update, &redirected));
    });
    TcpRSocket::TcpRState during = TcpRSocket::NORMAL;
    Simulator::Schedule(Seconds(2), [&]() { during = bed.Mh()->GetTcpRState(); });
    Simulator::Stop(Seconds(10));
    Simulator::Run();

    BOOST_TEST(bed.chApp->GetBytesReceived() == 3000000u);
    BOOST_TEST(bed.chApp->IsIntact());
    BOOST_TEST(during == TcpRSocket::DETACHED);
    BOOST_TEST(bed.Mh()->GetTcpRState() == TcpRSocket::NORMAL);
    Address peer;
    bed.Ch()->GetPeerName(peer);
    BOOST_TEST(AddressOf(peer) == MH_B);
    // Frozen: nothing is retransmitted or backed off while detached.
    BOOST_TEST(bed.MhDataBetween(Seconds(1), Seconds(3)) == 0);
    BOOST_TEST(bed.Mh()->GetRetainedTimeouts() == 0u);
    // The redirect: request MAC, one way, check, answer MAC, one way, check
    // (plus the transmission of two 114-byte segments over two 10 Mb/s hops).
    const Time mac = NanoSeconds(7500);
    const Time oneWay = MilliSeconds(10);
    BOOST_TEST(redirected.n == 1);
    BOOST_TEST(confirmed.n == 1);
    BOOST_TEST(redirected.at == Seconds(3) + mac);
    BOOST_TEST(confirmed.at - Seconds(3) >= 2 * oneWay + 4 * mac);
    BOOST_TEST(confirmed.at - Seconds(3) <= 2 * oneWay + 4 * mac + MicroSeconds(500));
    // Redirect costs two MACs on each end, no new key agreement.
    BOOST_TEST(bed.Ops(WiredHandoverTopology::MH, CryptoAgent::MAC) == 2u);
    BOOST_TEST(bed.Ops(WiredHandoverTopology::CH, CryptoAgent::MAC) == 2u);
    BOOST_TEST(bed.Ops(WiredHandoverTopology::MH, CryptoAgent::KEY_AGREEMENT) == 1u);
}

BOOST_AUTO_TEST_CASE(both_ends_moving_fails)
{
    TcpRBed bed(3000000);
    for (auto host : {WiredHandoverTopology::MH, WiredHandoverTopology::CH})
    {
        bed.Move(host, Seconds(1), Seconds(1));
    }
    When mhFailed;
    When chFailed;
    Simulator::Schedule(Seconds(0.5), [&]() {
        bed.Mh()->SetAttribute("ChangeRetries", UintegerValue(3));
        bed.Ch()->SetAttribute("ChangeRetries", UintegerValue(3));
        bed.Mh()->GetExchange()->TraceConnectWithoutContext(
            "Failed",
            MakeCallback(&When::Failure, &mhFailed));
        bed.Ch()->GetExchange()->TraceConnectWithoutContext(
            "Failed",
            MakeCallback(&When::Failure, &chFailed));
    });
    Simulator::Stop(Seconds(30));
    Simulator::Run();
    BOOST_TEST(mhFailed.n == 1);
    BOOST_TEST(chFailed.n == 1);
    BOOST_TEST(bed.chApp->GetBytesReceived() < 3000000u);
    BOOST_TEST(bed.chApp->IsIntact());
}

BOOST_AUTO_TEST_CASE(forged_and_replayed_redirects_are_rejected)
{
    // Two moves: A -> B (sequence 1), B -> A (sequence 2).
    TcpRBed bed(6000000);
    bed.MoveMh(Seconds(1), Seconds(0.5));
    bed.MoveMh(Seconds(2), Seconds(0.3));
    std::vector<std::vector<uint8_t>> sent;
    Simulator::Schedule(Seconds(0.5), [&]() {
        // Capture the genuine redirect request on the wire.
        bed.topology.GetHost(WiredHandoverTopology::MH)
            ->GetObject<Ipv4L3Protocol>()
            ->TraceConnectWithoutContext("Tx",
                                         MakeCallback(+[](std::vector<std::vector<uint8_t>>* out,
                                                          Ptr<const Packet> p,
                                                          Ptr<Ipv4>,
                                                          uint32_t) {
                                             Ptr<Packet> c = p->Copy();
                                             Ipv4Header ip;
                                             c->RemoveHeader(ip);
                                             TcpHeader tcp;
                                             if (ip.GetProtocol() == 6 && c->RemoveHeader(tcp) &&
                                                 (tcp.GetFlags() & TcpHeader::URG))
                                             {
                                                 std::vector<uint8_t> bytes(c->GetSize());
                                                 c->CopyData(bytes.data(), bytes.size());
                                                 out->push_back(bytes);
                                             }
                                         }).Bind(&sent));
    });
    Address peerBefore;
    Simulator::Schedule(Seconds(3), [&]() {
        Ptr<TcpRSocket> mh = bed.Mh();
        Address local;
        mh->GetSockName(local);
        uint16_t port = PortOf(local);
        bed.Ch()->GetPeerName(peerBefore);
        BOOST_REQUIRE(sent.size() == 2u);
        Ptr<Node> mhNode = bed.topology.GetHost(WiredHandoverTopology::MH);
        // Replay of the first request (A -> B): its old address is the
        // current one again; only its sequence number shows it is stale.
        InjectUrgentSegment(mhNode, MH_B, port, CH_A, PORT, sent[0]);
        // A forged request: fresh sequence number, a MAC with a guessed key.
        RedirectRequestHeader forged;
        forged.SetToken(mh->GetToken());
        forged.SetSequence(9);
        forged.SetOldAddress(MH_A);
        forged.SetNewAddress(MH_B);
        forged.SetNewPort(port);
        SymmetricKey guess{};
        guess.fill(0x42);
        MacAuthenticator::Tag(forged, CreateObject<CryptoAgent>(), guess);
        InjectUrgentSegment(mhNode, MH_B, port, CH_A, PORT, Serialize(forged));
    });
    Address peerAfter;
    Simulator::Schedule(Seconds(3.5), [&]() { bed.Ch()->GetPeerName(peerAfter); });
    Simulator::Stop(Seconds(12));
    Simulator::Run();
    BOOST_TEST(AddressOf(peerBefore) == MH_A);
    BOOST_TEST(peerAfter == peerBefore);
    BOOST_TEST(bed.Ch()->GetRejectCount(ChangeRejectReason::REPLAYED) == 1u);
    BOOST_TEST(bed.Ch()->GetRejectCount(ChangeRejectReason::BAD_AUTHENTICATOR) == 1u);
    BOOST_TEST(bed.chApp->GetBytesReceived() == 6000000u);
    BOOST_TEST(bed.chApp->IsIntact());
}

BOOST_AUTO_TEST_SUITE_END()
