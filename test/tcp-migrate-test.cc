/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mobisocket-test
 * The TCP Migrate baseline on the wired test bed (20 ms round trip): the
 * secret agreed at every connection, the Migrate SYN and its SYN/ACK after a
 * move, MIGRATE_WAIT and its bound, forged, replayed and unknown Migrate
 * SYNs, the per-connection cost, and both ends moving at once, finding each
 * other through the DNS rendezvous.
 */

#define BOOST_TEST_MODULE tcp_migrate
#include "mobisocket-test-support.h"

#include <boost/test/unit_test.hpp>

using namespace ns3;

namespace
{

/// The wired test bed with TCP Migrate on both hosts (or plain TCP on the CH).
using MigrateBed = KeyAgreeingBed<TcpMigrateHelper, TcpMigrateSocketFactory, TcpMigrateSocket>;

constexpr uint16_t PORT = MigrateBed::PORT; //!< CH's listening port

/// A Migrate option seen leaving a host: its IP size and the option's bytes.
struct SeenMigrate
{
    uint32_t ipSize{0};           //!< the whole IP packet
    uint8_t flags{0};             //!< TCP flags
    std::vector<uint8_t> payload; //!< the option's payload
};

/**
 * \brief Record every segment with a Migrate option that a node sends.
 * \param node the node
 * \param out where
 */
void
RecordMigrateOptions(Ptr<Node> node, std::vector<SeenMigrate>* out)
{
    node->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
        "Tx",
        MakeCallback(+[](std::vector<SeenMigrate>* seen, Ptr<const Packet> p, Ptr<Ipv4>, uint32_t) {
            Ptr<Packet> c = p->Copy();
            Ipv4Header ip;
            c->RemoveHeader(ip);
            TcpHeader tcp;
            SeenMigrate m;
            if (ip.GetProtocol() == 6 && c->RemoveHeader(tcp) &&
                MigrateOption::Find(tcp, m.payload))
            {
                m.ipSize = p->GetSize();
                m.flags = tcp.GetFlags();
                seen->push_back(m);
            }
        }).Bind(out));
}

/**
 * \param mh the MH's connection
 * \return its local port
 */
uint16_t
LocalPort(Ptr<Socket> mh)
{
    Address local;
    mh->GetSockName(local);
    return PortOf(local);
}

/**
 * \brief The test bed with the DNS rendezvous: its server on the router,
 *        each host publishing its address under its name, and each
 *        connection told where to look its peer up.
 */
struct RendezvousBed : MigrateBed
{
    /// The hosts' names (by WiredHandoverTopology::Host).
    static constexpr std::array<const char*, 2> NAMES{"mh.mobi.example.", "ch.mobi.example."};

    DnsRendezvousHelper dns;                           //!< the rendezvous
    std::array<Ptr<DnsRendezvousClient>, 2> clients;   //!< per host
    std::array<std::vector<Ipv4Address>, 2> published; //!< updates applied, per host

    /// \param bytes what the MH sends
    explicit RendezvousBed(uint64_t bytes)
        : MigrateBed(bytes)
    {
        dns.InstallServer(topology.GetRouter());
        for (auto host : {WiredHandoverTopology::MH, WiredHandoverTopology::CH})
        {
            clients[host] = dns.InstallClient(topology.GetHost(host), NAMES[host]);
            BOOST_REQUIRE(clients[host]);
            Simulator::Schedule(Seconds(0.05),
                                [this, host]() { Publish(host, topology.GetAddress(host, 0)); });
        }
        // Connected, with its secret agreed: tell each end its peer's name.
        Simulator::Schedule(Seconds(0.5), [this]() {
            BOOST_REQUIRE(Mh()->SetRendezvous(clients[WiredHandoverTopology::MH],
                                              NAMES[WiredHandoverTopology::CH]) == 0);
            BOOST_REQUIRE(Ch()->SetRendezvous(clients[WiredHandoverTopology::CH],
                                              NAMES[WiredHandoverTopology::MH]) == 0);
        });
        topology.SetAddressChangeCallback(MakeCallback(&RendezvousBed::AddressChanged, this));
    }

    /**
     * \brief Publish a host's address, recording it once applied.
     * \param host the host
     * \param address its address
     */
    void Publish(WiredHandoverTopology::Host host, Ipv4Address address)
    {
        auto status = clients[host]->Update(NAMES[host],
                                            address,
                                            MakeCallback(+[](std::vector<Ipv4Address>* out,
                                                             Ipv4Address a,
                                                             bool ok,
                                                             DnsRendezvousClient::Status) {
                                                if (ok)
                                                {
                                                    out->push_back(a);
                                                }
                                            }).Bind(&published[host], address));
        BOOST_TEST(status == DnsRendezvousClient::PENDING);
    }

    /**
     * \brief Both hosts lose their addresses at once and get new ones later.
     * \param start when the links go
     * \param outage how long until the new addresses
     */
    void MoveBoth(Time start, Time outage)
    {
        for (auto host : {WiredHandoverTopology::MH, WiredHandoverTopology::CH})
        {
            topology.ScheduleHandover(host, start, outage);
            Simulator::Schedule(start,
                                &TcpMigrateHelper::NotifyAddressLost,
                                topology.GetHost(host));
        }
    }

    /**
     * \brief A host has its new address: publish it, then move its connections.
     * \param host the host
     * \param address the new address
     */
    void AddressChanged(uint32_t host, Ipv4Address /* old */, Ipv4Address address)
    {
        auto h = WiredHandoverTopology::Host(host);
        Publish(h, address);
        TcpMigrateHelper::NotifyNewAddress(topology.GetHost(h), address);
    }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(key_agreement, NsFixture)

BOOST_AUTO_TEST_CASE(every_connection_agrees_a_secret)
{
    MigrateBed bed(1000000);
    Simulator::Stop(Seconds(3));
    Simulator::Run();

    BOOST_TEST(bed.Mh()->IsMobilityActive());
    BOOST_TEST(bed.Ch()->IsMobilityActive());
    BOOST_TEST(bed.Mh()->HasSecret());
    BOOST_TEST(bed.Ch()->HasSecret());
    BOOST_TEST(bed.Mh()->GetToken() != 0u);
    BOOST_TEST(bed.Mh()->GetToken() == bed.Ch()->GetToken());
    BOOST_TEST(bed.chApp->GetBytesReceived() == 1000000u);
    for (auto host : {WiredHandoverTopology::MH, WiredHandoverTopology::CH})
    {
        BOOST_TEST(bed.Ops(host, CryptoAgent::KEY_GENERATION) == 1u);
        BOOST_TEST(bed.Ops(host, CryptoAgent::KEY_AGREEMENT) == 1u);
        BOOST_TEST(bed.Ops(host, CryptoAgent::MAC) == 0u);
    }
    // The key shares: one control segment each way; the handshake's SYN and
    // SYN/ACK are the only SYNs.
    BOOST_TEST(MigrateBed::Control(bed.mhTx) == 1);
    BOOST_TEST(MigrateBed::Control(bed.chTx) == 1);
    BOOST_TEST(MigrateBed::Count(bed.mhTx, TcpHeader::SYN) == 1);
    BOOST_TEST(MigrateBed::Count(bed.chTx, TcpHeader::SYN) == 1);
}

BOOST_AUTO_TEST_CASE(plain_tcp_peer_costs_nothing)
{
    MigrateBed bed(1000000, false);
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    BOOST_TEST(!bed.Mh()->IsMobilityActive());
    BOOST_TEST(bed.chApp->GetBytesReceived() == 1000000u);
    BOOST_TEST(bed.chApp->IsIntact());
    BOOST_TEST(bed.Ops(WiredHandoverTopology::MH, CryptoAgent::KEY_GENERATION) == 0u);
    BOOST_TEST(MigrateBed::Control(bed.mhTx) == 0);
    // Without the peer's consent the host cannot migrate.
    BOOST_TEST(bed.Mh()->NotifyNewAddress(MH_A) == -1);
    BOOST_TEST(bed.Mh()->GetErrno() == Socket::ERROR_NOTCONN);
}

BOOST_AUTO_TEST_CASE(cost_grows_with_the_number_of_connections)
{
    // No handover at all: N short connections each pay a key share and a
    // key agreement on both ends.
    CheckOneKeyAgreementPerConnection<TcpMigrateHelper, TcpMigrateSocketFactory>();
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(migration, NsFixture)

BOOST_AUTO_TEST_CASE(survives_a_move_with_one_migrate_syn)
{
    MigrateBed bed(3000000);
    bed.MoveMh(Seconds(1), Seconds(2));
    When confirmed;
    When sent;
    Simulator::Schedule(Seconds(0.5), [&]() {
        bed.Mh()->GetExchange()->TraceConnectWithoutContext(
            "ConfirmAccepted",
            MakeCallback(&When::Confirm, &confirmed));
        bed.Mh()->GetExchange()->TraceConnectWithoutContext("UpdateSent",
                                                            MakeCallback(&When::Update, &sent));
    });
    std::vector<SeenMigrate> mhMigrate;
    std::vector<SeenMigrate> chMigrate;
    RecordMigrateOptions(bed.topology.GetHost(WiredHandoverTopology::MH), &mhMigrate);
    RecordMigrateOptions(bed.topology.GetHost(WiredHandoverTopology::CH), &chMigrate);
    KeyAgreeingTcpSocket::HoldState during = TcpMigrateSocket::NORMAL;
    Simulator::Schedule(Seconds(2), [&]() { during = bed.Mh()->GetHoldState(); });
    Simulator::Stop(Seconds(10));
    Simulator::Run();

    BOOST_TEST(bed.chApp->GetBytesReceived() == 3000000u);
    BOOST_TEST(bed.chApp->IsIntact());
    BOOST_TEST(during == TcpMigrateSocket::MIGRATE_WAIT);
    BOOST_TEST(bed.Mh()->GetHoldState() == TcpMigrateSocket::NORMAL);
    Address peer;
    bed.Ch()->GetPeerName(peer);
    BOOST_TEST(AddressOf(peer) == MH_B);
    // Frozen: nothing is retransmitted or backed off in MIGRATE_WAIT.
    BOOST_TEST(bed.MhDataBetween(Seconds(1), Seconds(3)) == 0);
    BOOST_TEST(bed.Mh()->GetMigrateWaitExpiries() == 0u);
    // On the wire: one Migrate SYN from the new address, one SYN/ACK back,
    // each 76 bytes (IP 20, TCP 20, the 26-byte option and the timestamps).
    BOOST_TEST_REQUIRE(mhMigrate.size() == 1u);
    BOOST_TEST_REQUIRE(chMigrate.size() == 1u);
    BOOST_TEST(mhMigrate[0].flags == TcpHeader::SYN);
    BOOST_TEST(chMigrate[0].flags == (TcpHeader::SYN | TcpHeader::ACK));
    BOOST_TEST(mhMigrate[0].ipSize == 76u);
    BOOST_TEST(chMigrate[0].ipSize == 76u);
    BOOST_TEST(MigrateBed::Count(bed.mhTx, TcpHeader::SYN) == 2); // handshake + Migrate SYN
    // MAC, one way, check, answer MAC, one way, check (plus transmission of
    // two 76-byte segments over two 10 Mb/s hops).
    const Time mac = NanoSeconds(7500);
    const Time oneWay = MilliSeconds(10);
    BOOST_TEST(sent.n == 1);
    BOOST_TEST(confirmed.n == 1);
    BOOST_TEST(sent.at == Seconds(3) + mac);
    BOOST_TEST(confirmed.at - Seconds(3) >= 2 * oneWay + 4 * mac);
    BOOST_TEST(confirmed.at - Seconds(3) <= 2 * oneWay + 4 * mac + MicroSeconds(300));
    BOOST_TEST(bed.Ops(WiredHandoverTopology::MH, CryptoAgent::MAC) == 2u);
    BOOST_TEST(bed.Ops(WiredHandoverTopology::CH, CryptoAgent::MAC) == 2u);
    BOOST_TEST(bed.Ops(WiredHandoverTopology::MH, CryptoAgent::KEY_AGREEMENT) == 1u);
}

BOOST_AUTO_TEST_CASE(lost_migrate_syn_is_sent_again)
{
    MigrateBed bed(2000000);
    bed.MoveMh(Seconds(1), Seconds(1));
    // The CH's link drops everything for 100 ms when the Migrate SYN leaves.
    Simulator::Schedule(Seconds(2),
                        [&]() { bed.topology.SetLinkUp(WiredHandoverTopology::CH, 0, false); });
    Simulator::Schedule(Seconds(2.1),
                        [&]() { bed.topology.SetLinkUp(WiredHandoverTopology::CH, 0, true); });
    std::vector<SeenMigrate> mhMigrate;
    RecordMigrateOptions(bed.topology.GetHost(WiredHandoverTopology::MH), &mhMigrate);
    Simulator::Stop(Seconds(10));
    Simulator::Run();
    BOOST_TEST_REQUIRE(mhMigrate.size() == 2u);
    // The same request, sent again unchanged.
    BOOST_TEST(mhMigrate[0].payload == mhMigrate[1].payload);
    BOOST_TEST(bed.chApp->GetBytesReceived() == 2000000u);
    BOOST_TEST(bed.chApp->IsIntact());
}

BOOST_AUTO_TEST_CASE(lost_syn_ack_is_sent_again_for_the_repeated_migrate_syn)
{
    // The Migrate SYN/ACK is lost on its way to the MH's new address: the
    // MH's repeated Migrate SYN must be recognised as the request the CH
    // already accepted (its old address is the one it moved from, not the
    // CH's new view of the peer) and answered again, not refused as a replay.
    MigrateBed bed(2000000);
    bed.MoveMh(Seconds(1), Seconds(1));
    Ptr<SignallingErrorModel> loss = CreateObject<SignallingErrorModel>();
    loss->SetAttribute("Rate", DoubleValue(1));
    loss->SetAttribute("Start", TimeValue(Seconds(2)));
    bed.topology.GetDevice(WiredHandoverTopology::MH, 1)
        ->SetAttribute("ReceiveErrorModel", PointerValue(loss));
    Simulator::Schedule(Seconds(2.5), [loss]() { loss->SetAttribute("Rate", DoubleValue(0)); });
    std::vector<SeenMigrate> mhMigrate;
    std::vector<SeenMigrate> chMigrate;
    RecordMigrateOptions(bed.topology.GetHost(WiredHandoverTopology::MH), &mhMigrate);
    RecordMigrateOptions(bed.topology.GetHost(WiredHandoverTopology::CH), &chMigrate);
    When confirmed;
    Simulator::Schedule(Seconds(0.5), [&]() {
        bed.Mh()->GetExchange()->TraceConnectWithoutContext(
            "ConfirmAccepted",
            MakeCallback(&When::Confirm, &confirmed));
    });
    Simulator::Stop(Seconds(10));
    Simulator::Run();
    BOOST_TEST(loss->GetLost() == 1u);
    BOOST_TEST_REQUIRE(mhMigrate.size() == 2u);
    BOOST_TEST_REQUIRE(chMigrate.size() == 2u);
    BOOST_TEST(chMigrate[0].payload == chMigrate[1].payload); // the same answer, again
    BOOST_TEST(bed.Ch()->GetRejectCount(ChangeRejectReason::REPLAYED) == 0u);
    BOOST_TEST(confirmed.n == 1);
    // Confirmed one unbacked RTO (ns-3's 1 s minimum) after the first try.
    BOOST_TEST(confirmed.at >= Seconds(3));
    BOOST_TEST(confirmed.at <= Seconds(3.1));
    BOOST_TEST(bed.Mh()->GetExchange()->GetCounters().failed == 0u);
    BOOST_TEST(bed.chApp->GetBytesReceived() == 2000000u);
    BOOST_TEST(bed.chApp->IsIntact());
}

BOOST_AUTO_TEST_CASE(both_ends_moving_at_once_find_each_other_in_the_dns)
{
    // Both lose their addresses at 1 s and have new ones at 2 s: each
    // Migrate SYN goes to the other's old address. One unbacked RTO later
    // (1 s) each looks the other up, finds its new address, and sends its
    // Migrate SYN there.
    RendezvousBed bed(3000000);
    bed.MoveBoth(Seconds(1), Seconds(1));
    std::array<When, 2> confirmed;
    std::array<std::vector<std::pair<Ipv4Address, Ipv4Address>>, 2> located;
    Simulator::Schedule(Seconds(0.5), [&]() {
        for (auto host : {WiredHandoverTopology::MH, WiredHandoverTopology::CH})
        {
            Ptr<TcpMigrateSocket> s = host == WiredHandoverTopology::MH ? bed.Mh() : bed.Ch();
            s->GetExchange()->TraceConnectWithoutContext(
                "ConfirmAccepted",
                MakeCallback(&When::Confirm, &confirmed[host]));
            s->TraceConnectWithoutContext(
                "PeerLocated",
                MakeCallback(+[](std::vector<std::pair<Ipv4Address, Ipv4Address>>* out,
                                 Ipv4Address from,
                                 Ipv4Address to) {
                    out->emplace_back(from, to);
                }).Bind(&located[host]));
        }
    });
    Simulator::Stop(Seconds(12));
    Simulator::Run();

    BOOST_TEST(bed.chApp->GetBytesReceived() == 3000000u);
    BOOST_TEST(bed.chApp->IsIntact());
    Address mhPeer;
    Address chPeer;
    bed.Mh()->GetPeerName(mhPeer);
    bed.Ch()->GetPeerName(chPeer);
    BOOST_TEST(AddressOf(mhPeer) == CH_B);
    BOOST_TEST(AddressOf(chPeer) == MH_B);
    // The DNS has each host's first and second address.
    BOOST_TEST((bed.published[WiredHandoverTopology::MH] == std::vector<Ipv4Address>{MH_A, MH_B}));
    BOOST_TEST((bed.published[WiredHandoverTopology::CH] == std::vector<Ipv4Address>{CH_A, CH_B}));
    BOOST_TEST(bed.dns.GetServer()->GetCounters().updatesAccepted == 4u);
    for (auto host : {WiredHandoverTopology::MH, WiredHandoverTopology::CH})
    {
        BOOST_TEST_CONTEXT((host == WiredHandoverTopology::MH ? "MH" : "CH"))
        {
            Ptr<TcpMigrateSocket> s = host == WiredHandoverTopology::MH ? bed.Mh() : bed.Ch();
            // One lookup each, at the first confirmation timeout, which
            // found the other at its new address.
            BOOST_TEST(s->GetPeerLookups() == 1u);
            BOOST_TEST(s->GetPeersLocated() == 1u);
            BOOST_TEST_REQUIRE(located[host].size() == 1u);
            BOOST_TEST(located[host][0].first == (host == WiredHandoverTopology::MH ? CH_A : MH_A));
            BOOST_TEST(located[host][0].second ==
                       (host == WiredHandoverTopology::MH ? CH_B : MH_B));
            // Confirmed after the timeout (2 s + 1 s), the lookup (10 ms
            // round trip to the router) and the exchange (20 ms).
            BOOST_TEST(confirmed[host].n == 1);
            BOOST_TEST(confirmed[host].at >= Seconds(3.03));
            BOOST_TEST(confirmed[host].at <= Seconds(3.1));
            BOOST_TEST(s->GetExchange()->GetCounters().failed == 0u);
            BOOST_TEST(s->GetExchange()->GetCounters().GetRejects() == 0u);
        }
    }
    BOOST_TEST(MigrateBed::Count(bed.mhTx, TcpHeader::RST) == 0);
    BOOST_TEST(MigrateBed::Count(bed.chTx, TcpHeader::RST) == 0);
}

BOOST_AUTO_TEST_CASE(a_peer_that_did_not_move_is_not_moved_by_the_lookup)
{
    // Only the MH moves, and its first Migrate SYN is lost: the lookup
    // finds the CH where it was, so the connection's peer stays and the
    // Migrate SYN is sent again on its timer.
    RendezvousBed bed(2000000);
    bed.topology.ScheduleHandover(WiredHandoverTopology::MH, Seconds(1), Seconds(1));
    Simulator::Schedule(Seconds(1),
                        &TcpMigrateHelper::NotifyAddressLost,
                        bed.topology.GetHost(WiredHandoverTopology::MH));
    Simulator::Schedule(Seconds(2),
                        [&]() { bed.topology.SetLinkUp(WiredHandoverTopology::CH, 0, false); });
    Simulator::Schedule(Seconds(2.1),
                        [&]() { bed.topology.SetLinkUp(WiredHandoverTopology::CH, 0, true); });
    Simulator::Stop(Seconds(10));
    Simulator::Run();
    BOOST_TEST(bed.Mh()->GetPeerLookups() == 1u);
    BOOST_TEST(bed.Mh()->GetPeersLocated() == 0u);
    BOOST_TEST(bed.Ch()->GetPeerLookups() == 0u);
    Address mhPeer;
    bed.Mh()->GetPeerName(mhPeer);
    BOOST_TEST(AddressOf(mhPeer) == CH_A);
    BOOST_TEST(bed.Mh()->GetExchange()->GetCounters().confirmed == 1u);
    BOOST_TEST(bed.chApp->GetBytesReceived() == 2000000u);
    BOOST_TEST(bed.chApp->IsIntact());
}

BOOST_AUTO_TEST_CASE(set_rendezvous_rejects_bad_arguments)
{
    RendezvousBed bed(100000);
    int nullResolver = 0;
    int badName = 0;
    Socket::SocketErrno nullErrno = Socket::ERROR_NOTERROR;
    Socket::SocketErrno nameErrno = Socket::ERROR_NOTERROR;
    Simulator::Schedule(Seconds(0.6), [&]() {
        nullResolver = bed.Mh()->SetRendezvous(nullptr, "ch.mobi.example.");
        nullErrno = bed.Mh()->GetErrno();
        badName = bed.Mh()->SetRendezvous(bed.clients[WiredHandoverTopology::MH], "bad..name");
        nameErrno = bed.Mh()->GetErrno();
    });
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    BOOST_TEST(nullResolver == -1);
    BOOST_TEST(nullErrno == Socket::ERROR_INVAL);
    BOOST_TEST(badName == -1);
    BOOST_TEST(nameErrno == Socket::ERROR_INVAL);
    // The rendezvous set before stays, and the data is untouched.
    BOOST_TEST(bed.chApp->GetBytesReceived() == 100000u);
    BOOST_TEST(bed.chApp->IsIntact());
}

BOOST_AUTO_TEST_CASE(forged_replayed_and_unknown_migrate_syns_are_rejected)
{
    // Two moves: A -> B (request 1), B -> A (request 2).
    MigrateBed bed(6000000);
    bed.MoveMh(Seconds(1), Seconds(0.5));
    bed.MoveMh(Seconds(2), Seconds(0.3));
    std::vector<SeenMigrate> mhMigrate;
    RecordMigrateOptions(bed.topology.GetHost(WiredHandoverTopology::MH), &mhMigrate);
    Address peerBefore;
    uint64_t unknownBefore = 0;
    Ptr<MobilityDemux> chDemux =
        bed.topology.GetHost(WiredHandoverTopology::CH)->GetObject<MobilityDemux>();
    Simulator::Schedule(Seconds(3), [&]() {
        Ptr<TcpMigrateSocket> mh = bed.Mh();
        uint16_t port = LocalPort(mh);
        bed.Ch()->GetPeerName(peerBefore);
        BOOST_REQUIRE(mhMigrate.size() == 2u);
        Ptr<Node> mhNode = bed.topology.GetHost(WiredHandoverTopology::MH);
        // Replay of the first Migrate SYN (A -> B) from B: its tag is
        // genuine, only its request number shows it is stale.
        auto first = MigrateOption::Decode(mhMigrate[0].payload);
        BOOST_REQUIRE(first.has_value());
        MigrateSynHeader replay;
        MigrateOption::Fill(*first, replay);
        InjectMigrateSyn(mhNode, MH_B, port, CH_A, PORT, replay);
        // A forged one: fresh request number, a tag under a guessed key.
        MigrateSynHeader forged;
        forged.SetToken(mh->GetToken());
        forged.SetSequence(9);
        forged.SetOldAddress(MH_A);
        forged.SetNewAddress(MH_B);
        forged.SetNewPort(port);
        SymmetricKey guess{};
        guess.fill(0x42);
        MacAuthenticator::Tag(forged, CreateObject<CryptoAgent>(), guess);
        InjectMigrateSyn(mhNode, MH_B, port, CH_A, PORT, forged);
        // A Migrate SYN naming no connection of the CH: dropped by the
        // demux, neither a RST nor a new connection.
        unknownBefore = chDemux->GetDropCount(MobilityDemux::UNKNOWN_TOKEN);
        MigrateSynHeader stranger = forged;
        stranger.SetToken(mh->GetToken() ^ 1);
        InjectMigrateSyn(mhNode, MH_B, port, CH_A, PORT, stranger);
    });
    Address peerAfter;
    Simulator::Schedule(Seconds(3.5), [&]() { bed.Ch()->GetPeerName(peerAfter); });
    Simulator::Stop(Seconds(12));
    Simulator::Run();
    BOOST_TEST(AddressOf(peerBefore) == MH_A);
    BOOST_TEST(peerAfter == peerBefore);
    BOOST_TEST(bed.Ch()->GetRejectCount(ChangeRejectReason::REPLAYED) == 1u);
    BOOST_TEST(bed.Ch()->GetRejectCount(ChangeRejectReason::BAD_AUTHENTICATOR) == 1u);
    BOOST_TEST(chDemux->GetDropCount(MobilityDemux::UNKNOWN_TOKEN) == unknownBefore + 1);
    BOOST_TEST(MigrateBed::Count(bed.chTx, TcpHeader::RST) == 0);
    BOOST_TEST(bed.chApp->GetBytesReceived() == 6000000u);
    BOOST_TEST(bed.chApp->IsIntact());
}

BOOST_AUTO_TEST_CASE(migrate_wait_is_bounded)
{
    // The MH loses its address and never gets another: after
    // MigrateWaitTimeout the connection leaves MIGRATE_WAIT and TCP's own
    // retransmission timer runs again.
    MigrateBed bed(3000000);
    Simulator::Schedule(Seconds(0.5), [&]() {
        bed.Mh()->SetAttribute("MigrateWaitTimeout", TimeValue(Seconds(2)));
    });
    bed.topology.ScheduleHandover(WiredHandoverTopology::MH, Seconds(1), Seconds(100));
    Simulator::Schedule(Seconds(1),
                        &TcpMigrateHelper::NotifyAddressLost,
                        bed.topology.GetHost(WiredHandoverTopology::MH));
    KeyAgreeingTcpSocket::HoldState at2 = TcpMigrateSocket::NORMAL;
    Simulator::Schedule(Seconds(2.9), [&]() { at2 = bed.Mh()->GetHoldState(); });
    Simulator::Stop(Seconds(6));
    Simulator::Run();
    BOOST_TEST(at2 == TcpMigrateSocket::MIGRATE_WAIT);
    BOOST_TEST(bed.Mh()->GetHoldState() == TcpMigrateSocket::NORMAL);
    BOOST_TEST(bed.Mh()->GetMigrateWaitExpiries() == 1u);
    int retransmittedAfter = 0;
    for (const Segment& s : bed.mhTx.segments)
    {
        retransmittedAfter += s.IsData() && s.time >= Seconds(3);
    }
    BOOST_TEST(bed.MhDataBetween(Seconds(1), Seconds(3)) == 0);
    BOOST_TEST(retransmittedAfter >= 1);
}

BOOST_AUTO_TEST_SUITE_END()
