/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mobisocket-test
 * The WiFi handover scenario (HandoverScenario::Run): parameter checking,
 * plain TCP across subnets; MobiSocket (in-band, direct and proxy
 * signalling), TCP-R and the redirect daemon each against the delay model
 * (HandoverDelayModel), part by part, on parameters it was not written
 * on; both ends moving; streams; output files; reproducibility.
 */

#define BOOST_TEST_MODULE handover_scenario
#include "mobisocket-test-support.h"

#include "ns3/handover-delay-model.h"
#include "ns3/ns3-version.h"
#include "ns3/ppp-header.h"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <tuple>

using namespace ns3;
namespace bdata = boost::unit_test::data;

namespace
{

/// A short run: the MH leaves AP1 about 3.7 s in and is through by 4 s.
HandoverScenario::Parameters
ShortRun()
{
    HandoverScenario::Parameters p;
    p.simTimeS = 7;
    p.appStartS = 1;
    p.signalling = "inband";
    return p;
}

/// One-way MH -> CH path delay without queueing: air + access + wired (s).
double
OneWay(const HandoverScenario::Parameters& p)
{
    return (p.accessDelayMs + p.wiredDelayMs) / 1000.0;
}

/// \return the single handover of the MH
const HandoverScenario::HandoverRecord&
OnlyHandover(const HandoverScenario::Result& r)
{
    BOOST_REQUIRE_EQUAL(r.handovers.size(), 1u);
    BOOST_REQUIRE_EQUAL(r.handovers[0].host, Host::MH);
    return r.handovers[0];
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(parameters, NsFixture)

BOOST_AUTO_TEST_CASE(defaults_are_valid)
{
    HandoverScenario::Parameters p;
    BOOST_TEST(p.Validate() == "");
    // Every parameter has a name and round-trips through text.
    std::map<std::string, std::string> all = p.ToStrings();
    BOOST_TEST(all.size() >= 40u);
    HandoverScenario::Parameters q;
    for (const auto& [name, value] : all)
    {
        BOOST_TEST(q.Set(name, value) == "", name);
    }
    BOOST_TEST((q.ToStrings() == all));
}

BOOST_AUTO_TEST_CASE(set_rejects_unknown_names_and_unreadable_values)
{
    HandoverScenario::Parameters p;
    BOOST_TEST(p.Set("speed", "3") == "unknown parameter 'speed'");
    BOOST_TEST(p.Set("speedMps", "fast").find("'speedMps'") != std::string::npos);
    BOOST_TEST(p.Set("maxMissedBeacons", "-3").find("'maxMissedBeacons'") != std::string::npos);
    BOOST_TEST(p.Set("resetTimer", "maybe").find("'resetTimer'") != std::string::npos);
    BOOST_TEST(p.Set("speedMps", "4.5") == "");
    BOOST_TEST(p.speedMps == 4.5);
    BOOST_TEST(p.Set("resetTimer", "false") == "");
    BOOST_TEST(!p.resetTimer);
    // Values survive the round trip through text exactly (sweeps re-run points from it).
    BOOST_TEST(p.Set("speedMps", "15.123456789012") == "");
    HandoverScenario::Parameters q;
    BOOST_TEST(q.Set("speedMps", p.ToStrings().at("speedMps")) == "");
    BOOST_TEST(q.speedMps == 15.123456789012);
    BOOST_TEST(p.ToStrings().at("wiredDelayMs") == "20");
}

/// (parameter, bad value) pairs, each of which Validate() must name.
const std::vector<std::pair<std::string, std::string>> BAD_VALUES = {
    {"protocol", "udp"},
    {"signalling", "smoke"},
    {"congestionPolicy", "Aggressive"},
    {"traffic", "video"},
    {"direction", "sideways"},
    {"addressPreset", "slow"},
    {"addressPreset", "fast"},
    {"crossTraffic", "video"},
    {"crossRateMbps", "0"},
    {"crossAps", "3"},
    {"crossAps", "0"},
    {"crossAps", "1,x"},
    {"mobility", "teleport"},
    {"wiredLossRate", "1"},
    {"proxyLossRate", "-0.1"},
    {"signallingLossRate", "1"},
    {"signallingLossRate", "-0.5"},
    {"signallingLossFromS", "-1"},
    {"signallingLossFromS", "1000"},
    {"pauseS", "-1"},
    {"apColumns", "3"},
    {"streamRateKbps", "0"},
    {"streamChunkBytes", "0"},
    {"segmentBytes", "10"},
    {"wiredRateMbps", "0"},
    {"wiredDelayMs", "-1"},
    {"accessDelayMs", "-1"},
    {"arpQueuePackets", "0"},
    {"proxyRttMs", "-5"},
    {"apSpacingM", "0"},
    {"speedMps", "0"},
    {"startXm", "500"},
    {"moveStartS", "-1"},
    {"moveStartS", "100"},
    {"maxMissedBeacons", "0"},
    {"probeTimeoutMs", "0"},
    {"waitBeaconTimeoutMs", "0"},
    {"assocTimeoutMs", "0"},
    {"beaconIntervalUs", "100000"},
    {"dhcpCollectMs", "-2"},
    {"chMoveSkewMs", "1e9"},
    {"sipT1Ms", "0"},
    {"sipT2Ms", "100"},
    {"cpuFrequencyMhz", "0"},
    {"cpuBusyCurrentA", "-1"},
    {"supplyVoltageV", "0"},
    {"initialEnergyJ", "0"},
    {"simTimeS", "0"},
    {"appStartS", "100"},
    {"goodputBinMs", "0"},
    {"pcap", "true"},
    {"RngRun", "0"},
    {"RngSeed", "0"},
    {"connections", "0"},
    {"meanInterArrivalS", "0"},
    {"meanLifetimeS", "-1"},
    {"lifetimeShape", "1"},
    {"pageBytes", "0"},
    {"prepareAfterS", "-1"},
    {"daemonScanMs", "0"},
    {"interfaceHandover", "teleport"},
    {"interfaceHandover", "make-before-break"}, // with the default (moving, SIP) session
    {"overlapMs", "-1"},
    {"secondUpMs", "-1"},
    {"secondRateMbps", "0"},
    {"secondDelayMs", "-1"},
    {"secondAccess", "wimax"},
    {"wiredJitterMs", "-1"},
    {"proxyJitterMs", "1e9"},
    {"lteBandwidthRb", "30"},
    {"secondDelayMs", "50"}, // the link's, with the default secondAccess=lte
    {"secondUpMs", "100"},
    {"minRtoMs", "0"},
    {"minRtoMs", "-2"},
    {"roaming", "rssi"},
    {"settleS", "-1"},
    {"apCount", "1"},
    {"apCount", "33"},
    {"apChannels", ""},
    {"apChannels", "36,36,36"}, // more channels than APs
    {"apChannels", "36,37"},
    {"apChannels", "36,x"},
    {"apChannels", "36,"},
    {"apChannels", "6,6"},
    {"apChannels", "36,44"}, // beacon-loss: ns-3 re-associates only on its own channel
    {"scanChannels", "36"},  // beacon-loss
    {"minChannelTimeMs", "-1"},
    {"maxChannelTimeMs", "1e9"},
    {"roamThresholdDb", "1e9"},
    {"roamHysteresisDb", "-1"},
    {"roamWindow", "0"},
    {"mobileHosts", "0"},
    {"mobileHosts", "33"},
    {"hostGapM", "-1"},
    {"hostGapM", "101"}, // more than apSpacingM
};

/// Parameter combinations that are valid one by one but not together.
const std::vector<std::pair<std::string, std::map<std::string, std::string>>> BAD_COMBINATIONS = {
    {"signalling", {{"traffic", "browsing"}, {"signalling", "direct"}}},
    {"interfaceHandover", {{"interfaceHandover", "break-before-make"}, {"signalling", "inband"}}},
    {"interfaceHandover",
     {{"interfaceHandover", "make-before-break"},
      {"signalling", "inband"},
      {"mhMoves", "false"},
      {"protocol", "tcp-r"}}},
    {"interfaceHandover",
     {{"interfaceHandover", "make-before-break"},
      {"signalling", "inband"},
      {"mhMoves", "false"},
      {"traffic", "browsing"}}},
    {"switchAtS",
     {{"interfaceHandover", "make-before-break"},
      {"signalling", "inband"},
      {"mhMoves", "false"},
      {"switchAtS", "0.5"}}},
    {"switchAtS",
     {{"interfaceHandover", "make-before-break"},
      {"signalling", "inband"},
      {"mhMoves", "false"},
      {"switchAtS", "25"}}},
    {"scanChannels", {{"roaming", "signal"}, {"apChannels", "36,44"}, {"scanChannels", "36,40"}}},
    {"apChannels", {{"apCount", "4"}, {"apChannels", "36,36,36,36,36"}}},
    {"stopEarly", {{"stopEarly", "true"}, {"mhMoves", "false"}}},
    {"dnav4", {{"addressPreset", "ns3"}, {"dnav4", "true"}}},
    {"lteBandwidthRb", {{"secondAccess", "link"}, {"lteBandwidthRb", "50"}}},
    {"walkBack", {{"walkBack", "true"}, {"mhMoves", "false"}}},
    {"walkBack", {{"walkBack", "true"}, {"mobility", "random-waypoint"}}},
    {"stopEarly", {{"stopEarly", "true"}, {"mobility", "random-waypoint"}}},
    {"apColumns",
     {{"chMoves", "true"}, {"apCount", "32"}, {"apColumns", "1"}, {"apSpacingM", "200"}}},
    {"apChannels", {{"apCount", "3"}, {"apChannels", "36,36,40"}}}, // beacon-loss
    {"scanChannels", {{"roaming", "signal"}, {"scanChannels", "36,41"}}},
    {"minChannelTimeMs",
     {{"roaming", "signal"}, {"minChannelTimeMs", "30"}, {"maxChannelTimeMs", "20"}}},
    {"signallingLossRate", {{"signallingLossRate", "0.1"}, {"wiredLossRate", "0.01"}}},
    {"signallingLossRate", {{"signallingLossRate", "0.1"}, {"proxyLossRate", "0.01"}}},
    {"interfaceHandover",
     {{"interfaceHandover", "make-before-break"},
      {"signalling", "inband"},
      {"mhMoves", "false"},
      {"mobileHosts", "2"}}},
};

BOOST_DATA_TEST_CASE(validate_names_the_bad_parameter, bdata::xrange(BAD_VALUES.size()), i)
{
    const auto& [name, value] = BAD_VALUES[i];
    HandoverScenario::Parameters p;
    BOOST_REQUIRE(p.Set(name, value) == "");
    std::string message = p.Validate();
    BOOST_TEST_CONTEXT(name << " = " << value << ": " << message)
    {
        BOOST_TEST(message.find("'" + name + "'") != std::string::npos);
    }
}

BOOST_DATA_TEST_CASE(validate_names_the_conflicting_parameter,
                     bdata::xrange(BAD_COMBINATIONS.size()),
                     i)
{
    const auto& [name, values] = BAD_COMBINATIONS[i];
    HandoverScenario::Parameters p;
    for (const auto& [field, value] : values)
    {
        BOOST_REQUIRE(p.Set(field, value) == "");
    }
    std::string message = p.Validate();
    BOOST_TEST_CONTEXT("case " << i << ": " << message)
    {
        BOOST_TEST(message.find("'" + name + "'") != std::string::npos);
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(runs, NsFixture)

BOOST_AUTO_TEST_CASE(plain_tcp_does_not_recover)
{
    // Plain TCP keeps its old address: after the MH's new lease it goes on
    // retransmitting from the old address through the new AP; the CH's
    // answers go to the old subnet and are lost. No byte gets through again.
    HandoverScenario::Parameters p = ShortRun();
    p.protocol = "tcp";
    p.simTimeS = 12;
    HandoverScenario::Result r = HandoverScenario::Run(p);
    const auto& h = OnlyHandover(r);
    BOOST_TEST(!r.survived);
    BOOST_TEST(!h.completed);
    BOOST_TEST(std::isnan(h.firstNewByteS));
    BOOST_TEST(h.leaseS > h.reassociatedS);
    BOOST_TEST(r.intact);
    BOOST_TEST(r.uplinkBytes > 0u);
    // Backed off from 1 s: expiries at +1, +3, +7 s after the loss at ~2.8 s.
    BOOST_TEST(r.rtoExpiries >= 3u);
    BOOST_TEST(r.signalling.count("AddChange") == 0u);
    BOOST_TEST(CryptoOf(r, Host::MH).signatures == 0u);
}

/**
 * The schemes that keep the connection: MobiSocket in its three signalling
 * modes, TCP-R, TCP Migrate, and the redirect daemon (preparing at once).
 */
const char* const MODES[] = {"inband", "direct", "proxy", "tcp-r", "migrate", "redirect"};

/// The number of MODES.
constexpr int N_MODES = sizeof(MODES) / sizeof(MODES[0]);

namespace
{

/**
 * A handover's parameters the delay model was never checked on while it
 * was written (path, CPU, proxy and roaming values of their own): ns-3's
 * beacon loss, or the signal policy scanning three channels.
 */
HandoverScenario::Parameters
UnseenParameters(bool signal)
{
    HandoverScenario::Parameters p = ShortRun();
    p.wiredDelayMs = 35;
    p.accessDelayMs = 2;
    p.proxyRttMs = 16;
    p.cpuFrequencyMhz = 400;
    if (signal)
    {
        UseSignalRoaming(p);
        p.scanChannels = "36,40,44";
        p.minChannelTimeMs = 15;
        p.maxChannelTimeMs = 25;
    }
    return p;
}

/// What the model leaves out: sub-millisecond processing and queueing (s).
constexpr double MODEL_SLACK_S = 0.0005;

/**
 * \brief Check a simulated part of a handover against the delay model's range.
 * \param part its name
 * \param simulated the simulated value (s)
 * \param predicted the model's prediction
 */
void
CheckPart(const char* part, double simulated, const DelayRange& predicted)
{
    BOOST_TEST_CONTEXT(part << ": simulated " << simulated * 1e3 << " ms, predicted "
                            << predicted.meanS * 1e3 << " ms in [" << predicted.minS * 1e3 << ", "
                            << predicted.maxS * 1e3 << "]")
    {
        BOOST_TEST(predicted.Contains(simulated, MODEL_SLACK_S));
    }
}

} // namespace

BOOST_DATA_TEST_CASE(survives_and_matches_the_delay_model,
                     bdata::xrange(N_MODES) * bdata::make({true, false}) *
                         bdata::make({false, true}),
                     mode,
                     resetTimer,
                     signal)
{
    if (!resetTimer && mode != 0)
    {
        return; // the backoff wait does not depend on the signalling: in-band covers it
    }
    HandoverScenario::Parameters p = UnseenParameters(signal);
    const std::string scheme = MODES[mode];
    bool redirect = scheme == "redirect";
    bool tcpr = scheme == "tcp-r";
    bool migrate = scheme == "migrate";
    bool keyed = UseScheme(p, scheme); // a secret agreed in advance, MACs at the move
    p.prepareAfterS = 0;
    p.resetTimer = resetTimer;
    p.simTimeS = resetTimer ? 8 : 14;
    // The model predicts from the parameters alone, before anything runs.
    HandoverPrediction model = HandoverDelayModel::Predict(p);
    BOOST_REQUIRE(model.modelled);
    BOOST_TEST(model.survives);
    HandoverScenario::Result r = HandoverScenario::Run(p);
    BOOST_TEST_CONTEXT(MODES[mode] << (resetTimer ? ", ResetTimer" : ", no ResetTimer")
                                   << (signal ? ", signal roaming" : ", beacon loss"))
    {
        const auto& h = OnlyHandover(r);
        BOOST_TEST(r.survived);
        BOOST_TEST(r.intact);
        BOOST_TEST(h.completed);
        // The events come in the paper's order.
        BOOST_TEST(h.lastOldByteS <= h.beaconLossS);
        BOOST_TEST(h.beaconLossS < h.reassociatedS);
        BOOST_TEST(h.reassociatedS < h.leaseS);
        BOOST_TEST(h.leaseS <= h.updateSentS);
        BOOST_TEST(h.updateSentS < h.peerUpdatedS);
        BOOST_TEST(h.peerUpdatedS < h.confirmedS);
        BOOST_TEST(h.peerUpdatedS < h.firstNewByteS);

        // Each part within the range the model's random inputs allow.
        CheckPart("detection", h.beaconLossS - h.lastOldByteS, model.detection);
        CheckPart("L2 handoff", h.reassociatedS - h.beaconLossS, model.L2Handoff());
        if (signal)
        {
            CheckPart("scan", h.scanEndS - h.beaconLossS, model.scan);
            CheckPart("association", h.reassociatedS - h.scanEndS, model.association);
        }
        CheckPart("address", h.leaseS - h.reassociatedS, model.address);
        CheckPart("update", h.peerUpdatedS - h.leaseS, model.update);
        CheckPart("confirm", h.confirmedS - h.leaseS, model.confirm);
        CheckPart("resume", h.firstNewByteS - h.peerUpdatedS, model.resume);
        CheckPart("disruption", h.disruptionS, model.disruption);

        // TCP Migrate's hosts sign each DNS UPDATE and check its response
        // (TSIG): the MH for its two leases, the CH for its one.
        auto tsigMacs = [migrate](Host node) {
            return migrate ? (node == Host::MH ? 4u : 2u) : 0u;
        };
        for (Host node : HOSTS)
        {
            const auto& c = CryptoOf(r, node);
            BOOST_TEST(c.signatures == (keyed ? 0u : 1u));
            BOOST_TEST(c.verifications == (keyed ? 0u : 1u));
            // TCP-R, TCP Migrate and the daemons agreed their secret before the move.
            BOOST_TEST(c.keyShares == (keyed ? 1u : 0u));
            BOOST_TEST(c.keyAgreements == (keyed ? 1u : 0u));
            BOOST_TEST(c.macs == (keyed ? 2u : 0u) + tsigMacs(node));
        }
        BOOST_TEST(r.connections.prepared == (redirect ? 1u : 0u));
        // Energy: the CPU time at 0.25 A and 3.7 V (ns time resolution).
        const double mac = 6000 / 400e6;
        const double scale = 800.0 / 400.0; // SIGN, VERIFY and X25519 are at 800 MHz
        double cpu =
            keyed ? scale * 2 * X25519 + (2 + tsigMacs(Host::MH)) * mac : scale * (SIGN + VERIFY);
        BOOST_TEST(CryptoOf(r, Host::MH).energyJ == cpu * ENERGY_PER_S,
                   boost::test_tools::tolerance(1e-5));
        if (tcpr)
        {
            BOOST_TEST(r.signalling.at("KeyShare").count == 2u);
            BOOST_TEST(r.signalling.at("RedirectRequest").count == 1u);
            BOOST_TEST(r.signalling.at("RedirectAck").count == 1u);
        }
        else if (migrate)
        {
            BOOST_TEST(r.signalling.at("KeyShare").count == 2u);
            BOOST_TEST(r.signalling.at("Migrate SYN").count == 1u);
            BOOST_TEST(r.signalling.at("Migrate SYN/ACK").count == 1u);
            BOOST_TEST(r.signalling.count("RedirectRequest") == 0u);
            // Each lease published (two of the MH's, one of the CH's); the
            // peer never looked up, as it never moved.
            BOOST_TEST(r.signalling.at("DNS UPDATE").count == 3u);
            BOOST_TEST(r.signalling.at("DNS UPDATE response").count == 3u);
            BOOST_TEST(r.signalling.count("DNS query") == 0u);
        }
        else if (redirect)
        {
            // The daemons talk over their own UDP channel, never in the TCP stream.
            BOOST_TEST(r.signalling.at("UDP KeyShare").count == 2u);
            BOOST_TEST(r.signalling.at("UDP RedirectRequest").count == 1u);
            BOOST_TEST(r.signalling.at("UDP RedirectAck").count == 1u);
            BOOST_TEST(r.signalling.count("KeyShare") == 0u);
        }
        else if (p.signalling == "inband")
        {
            BOOST_TEST(r.signalling.at("AddChange").count == 1u);
            BOOST_TEST(r.signalling.at("AddConfirm").count == 1u);
            BOOST_TEST(r.signalling.count("SIP INFO") == 0u);
        }
        else
        {
            // One INFO each way; through the proxy each is sent twice on the wire.
            uint64_t perInfo = p.signalling == "proxy" ? 2 : 1;
            BOOST_TEST(r.signalling.at("SIP INFO").count == 2 * perInfo);
            BOOST_TEST(r.signalling.at("SIP 200/INFO").count == 2 * perInfo);
            BOOST_TEST(r.signalling.count("AddChange") == 0u);
        }
        if (!resetTimer)
        {
            // Without ResetTimer the data waits for a backed-off expiry of
            // the 1 s timer: at least one RTO after the confirmation.
            BOOST_TEST(h.firstNewByteS > h.confirmedS + 0.5);
        }
    }
}

/// Plain TCP: the model predicts the loss, and says why.
BOOST_AUTO_TEST_CASE(delay_model_predicts_plain_tcp_lost_and_refuses_outside_its_domain)
{
    HandoverScenario::Parameters p = ShortRun();
    p.protocol = "tcp";
    HandoverPrediction tcp = HandoverDelayModel::Predict(p);
    BOOST_TEST(tcp.modelled);
    BOOST_TEST(!tcp.survives);
    BOOST_TEST(tcp.reason.find("keeps no connection") != std::string::npos);
    // The layer-2 and address parts are predicted all the same.
    BOOST_TEST(tcp.address.meanS > 0);

    HandoverScenario::Parameters lossy = ShortRun();
    lossy.wiredLossRate = 0.01;
    HandoverPrediction outside = HandoverDelayModel::Predict(lossy);
    BOOST_TEST(!outside.modelled);
    BOOST_TEST(outside.reason.find("loss") != std::string::npos);

    // IPv6's address part (RS, RA, DAD) is not derived: no DHCP prediction for it.
    HandoverScenario::Parameters ipv6 = ShortRun();
    ipv6.ipVersion = 6;
    HandoverPrediction slaac = HandoverDelayModel::Predict(ipv6);
    BOOST_TEST(!slaac.modelled);
    BOOST_TEST(slaac.reason.find("ipVersion=6") != std::string::npos);

    HandoverScenario::Parameters channels = ShortRun();
    channels.apChannels = "36,44"; // beacon loss: ns-3's station stays on its channel
    HandoverPrediction stuck = HandoverDelayModel::Predict(channels);
    BOOST_TEST(stuck.modelled);
    BOOST_TEST(!stuck.survives);
    BOOST_TEST(stuck.reason.find("own channel") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(both_ends_move_direct_fails_proxy_succeeds)
{
    // The CH sits in a second WiFi domain and moves at the same time.
    // Direct INFOs go to the other's stale contact; through the proxy each
    // end finds the other's fresh registration.
    for (const char* mode : {"direct", "proxy"})
    {
        HandoverScenario::Parameters p = ShortRun();
        p.signalling = mode;
        p.chMoves = true;
        p.simTimeS = 9;
        HandoverScenario::Result r = HandoverScenario::Run(p);
        BOOST_TEST_CONTEXT(mode)
        {
            BOOST_REQUIRE_EQUAL(r.handovers.size(), 2u);
            BOOST_TEST(r.intact);
            bool proxy = std::string(mode) == "proxy";
            BOOST_TEST(r.survived == proxy);
            for (const auto& h : r.handovers)
            {
                BOOST_TEST(!std::isnan(h.leaseS));
                BOOST_TEST(h.completed == proxy);
                BOOST_TEST(std::isnan(h.peerUpdatedS) == !proxy);
                BOOST_TEST(std::isnan(h.confirmedS) == !proxy);
            }
        }
    }
}

BOOST_DATA_TEST_CASE(both_ends_move_without_rendezvous_fails,
                     bdata::make({"mobisocket", "tcp-r", "redirect"}),
                     protocol)
{
    // The CH sits in a second WiFi domain and moves at the same time: each
    // AddChange (or TCP-R redirect, or daemon redirect) goes to the other's
    // stale address.
    HandoverScenario::Parameters p = ShortRun();
    p.protocol = protocol;
    p.prepareAfterS = 0;
    p.chMoves = true;
    p.simTimeS = 9;
    HandoverScenario::Result r = HandoverScenario::Run(p);
    BOOST_REQUIRE_EQUAL(r.handovers.size(), 2u);
    BOOST_TEST(!r.survived);
    BOOST_TEST(r.intact);
    for (const auto& h : r.handovers)
    {
        BOOST_TEST(!std::isnan(h.leaseS));
        BOOST_TEST(std::isnan(h.peerUpdatedS));
        BOOST_TEST(!h.completed);
    }
    BOOST_TEST(r.signalling.count("AddConfirm") == 0u);
    BOOST_TEST(r.signalling.count("RedirectAck") == 0u);
    BOOST_TEST(r.signalling.count("UDP RedirectAck") == 0u);
    if (std::string(protocol) != "mobisocket")
    {
        // Each prepared its connection before the move: the secret was no use.
        BOOST_TEST(CryptoOf(r, Host::MH).keyAgreements == 1u);
    }
}

BOOST_AUTO_TEST_CASE(both_ends_move_migrate_finds_the_peer_in_the_dns)
{
    // TCP Migrate with its DNS rendezvous on the proxy's node: each host
    // publishes every lease; each Migrate SYN first goes to the other's stale
    // address; at the first confirmation timeout (the unbacked RTO, ns-3's
    // 1 s minimum) a host looks its peer up and sends its Migrate SYN to the
    // address found; the peer, having accepted it, sends its own there too.
    HandoverScenario::Parameters p = ShortRun();
    p.protocol = "migrate";
    p.chMoves = true;
    p.simTimeS = 9;
    HandoverScenario::Result r = HandoverScenario::Run(p);
    BOOST_REQUIRE_EQUAL(r.handovers.size(), 2u);
    BOOST_TEST(r.survived);
    BOOST_TEST(r.intact);
    const double firstLease = std::min(r.handovers[0].leaseS, r.handovers[1].leaseS);
    const double lastLease = std::max(r.handovers[0].leaseS, r.handovers[1].leaseS);
    for (const auto& h : r.handovers)
    {
        BOOST_TEST(h.completed);
        BOOST_TEST(h.peerUpdatedS > firstLease + 1.0);
        BOOST_TEST(h.confirmedS > firstLease + 1.0);
        // Timeout, lookup at the proxy (proxyRttMs) and the exchange.
        BOOST_TEST(h.confirmedS < lastLease + 1.0 + 0.3);
    }
    // Every lease published: 2 at the start, 1 per move; both answered.
    BOOST_TEST(r.signalling.at("DNS UPDATE").count == 4u);
    BOOST_TEST(r.signalling.at("DNS UPDATE response").count == 4u);
    // One lookup at least, at most one per host, each answered.
    BOOST_TEST(r.signalling.at("DNS query").count >= 1u);
    BOOST_TEST(r.signalling.at("DNS query").count <= 2u);
    BOOST_TEST(r.signalling.at("DNS query response").count == r.signalling.at("DNS query").count);
    BOOST_TEST(r.signalling.at("Migrate SYN/ACK").count == 2u);
    BOOST_TEST(CryptoOf(r, Host::MH).keyAgreements == 1u);
}

BOOST_AUTO_TEST_CASE(stream_delay_series)
{
    // A 256 kb/s stream in both directions: the one-way application delay is
    // the path delay before the handover and peaks at about the disruption.
    HandoverScenario::Parameters p = ShortRun();
    p.traffic = "stream";
    p.direction = "both";
    HandoverScenario::Result r = HandoverScenario::Run(p);
    const auto& h = OnlyHandover(r);
    BOOST_TEST(r.survived);
    BOOST_TEST(r.intact);
    BOOST_REQUIRE(!r.delayS.empty());
    // One delay per chunk delivered, however TCP cut or merged the chunks
    // into segments (the backlog after the handover goes in full segments).
    BOOST_TEST(r.delayS.size() ==
               r.uplinkBytes / p.streamChunkBytes + r.downlinkBytes / p.streamChunkBytes);
    BOOST_TEST(std::is_sorted(r.delayTimeS.begin(), r.delayTimeS.end()));
    double before = 0;
    double peak = 0;
    for (size_t i = 0; i < r.delayS.size(); ++i)
    {
        if (r.delayTimeS[i] < h.lastOldByteS)
        {
            before = std::max(before, r.delayS[i]);
        }
        peak = std::max(peak, r.delayS[i]);
    }
    BOOST_TEST(before >= OneWay(p));
    BOOST_TEST(before <= OneWay(p) + 0.010);
    BOOST_TEST(peak >= h.disruptionS - 0.1);
    BOOST_TEST(peak <= h.disruptionS + 0.1);
    // 256 kb/s each way for the whole session, minus the outage, minus the tail.
    double expected = 256e3 / 8 * (p.simTimeS - 1.02);
    BOOST_TEST(double(r.uplinkBytes) <= expected);
    BOOST_TEST(double(r.uplinkBytes) >= expected - 256e3 / 8 * 0.2);
    BOOST_TEST(double(r.downlinkBytes) >= expected - 256e3 / 8 * 0.2);
}

BOOST_AUTO_TEST_CASE(output_files)
{
    std::string folder =
        (std::filesystem::temp_directory_path() / "mobisocket-scenario-test").string();
    std::filesystem::remove_all(folder);
    HandoverScenario::Parameters p = ShortRun();
    p.outputDir = folder;
    p.rngRun = 3;
    HandoverScenario::Result r = HandoverScenario::Run(p);
    for (const char* name : {"timeline.csv",
                             "goodput.csv",
                             "delay.csv",
                             "signalling.csv",
                             "pairs.csv",
                             "summary.json"})
    {
        BOOST_TEST(std::filesystem::exists(folder + "/" + name), name);
    }
    std::ifstream timeline(folder + "/timeline.csv");
    std::string header;
    std::getline(timeline, header);
    BOOST_TEST(header.rfind("host,kind,from_ap,to_ap,start_s,last_old_byte_s,beacon_loss_s", 0) ==
               0u);
    std::ifstream summary(folder + "/summary.json");
    std::string json((std::istreambuf_iterator<char>(summary)), std::istreambuf_iterator<char>());
    BOOST_TEST(json.find("\"RngRun\": \"3\"") != std::string::npos);
    BOOST_TEST(json.find("\"ns3_version\": \"" + GetNs3Version() + "\"") != std::string::npos);
    BOOST_TEST(json.find("\"survived\": true") != std::string::npos);
    std::ifstream goodput(folder + "/goodput.csv");
    int lines = 0;
    for (std::string line; std::getline(goodput, line);)
    {
        ++lines;
    }
    BOOST_TEST(lines == 1 + 70); // header + 7 s / 100 ms
    std::filesystem::remove_all(folder);
}

BOOST_AUTO_TEST_CASE(transfer_done_before_the_handover_survived)
{
    // 200 kB go through long before the MH leaves AP1: nothing to resume.
    HandoverScenario::Parameters p = ShortRun();
    p.simTimeS = 6;
    p.bulkBytes = 200000;
    HandoverScenario::Result r = HandoverScenario::Run(p);
    BOOST_TEST(r.uplinkBytes == 200000u);
    BOOST_REQUIRE_EQUAL(r.handovers.size(), 1u);
    BOOST_TEST(!r.handovers[0].completed);
    BOOST_TEST(r.survived);
    BOOST_TEST(r.intact);
}

BOOST_AUTO_TEST_CASE(the_walk_starts_at_move_start)
{
    // At 30 m/s from 10 m the MH loses AP1 about 1.4 s in, before the SIP
    // session (REGISTERs, then the INVITE, over a fading link) and the data
    // connection behind it are set up: nothing opens. Started 2 s later, the
    // same walk hands over an open connection, and the beacon loss is 2 s
    // later (to within the beacon interval, which quantises it).
    HandoverScenario::Parameters p = ShortRun();
    p.signalling = "direct";
    p.speedMps = 30;
    p.simTimeS = 6;
    HandoverScenario::Result early = HandoverScenario::Run(p);
    const auto& e = OnlyHandover(early);
    BOOST_TEST(early.connections.attempted == 1u);
    BOOST_TEST(early.connections.opened == 0u);
    BOOST_TEST(early.uplinkBytes == 0u);
    BOOST_TEST(!early.survived);
    BOOST_TEST(e.beaconLossS < 3.0);

    p.moveStartS = 2;
    HandoverScenario::Result late = HandoverScenario::Run(p);
    const auto& l = OnlyHandover(late);
    BOOST_TEST(late.connections.opened == 1u);
    BOOST_TEST(late.survived);
    BOOST_TEST(late.intact);
    BOOST_TEST(l.completed);
    double beacon = p.beaconIntervalUs * 1e-6;
    BOOST_TEST(l.beaconLossS - e.beaconLossS >= 2.0 - beacon);
    BOOST_TEST(l.beaconLossS - e.beaconLossS <= 2.0 + beacon);
    BOOST_TEST(l.lastOldByteS > 2.0);
}

BOOST_AUTO_TEST_CASE(negative_skew_moves_the_ch_first)
{
    // chMoveSkewMs < 0: the CH starts its walk that much before the MH. Both
    // domains have the same geometry, so the CH loses its AP 1 s earlier (to
    // within a beacon interval); through the proxy both handovers complete.
    HandoverScenario::Parameters p = ShortRun();
    p.signalling = "proxy";
    p.chMoves = true;
    p.chMoveSkewMs = -1000;
    p.moveStartS = 1.5;
    p.simTimeS = 10;
    HandoverScenario::Result r = HandoverScenario::Run(p);
    BOOST_REQUIRE_EQUAL(r.handovers.size(), 2u);
    std::map<Host, HandoverScenario::HandoverRecord> by;
    for (const auto& h : r.handovers)
    {
        by[h.host] = h;
    }
    BOOST_REQUIRE(by.count(Host::MH) == 1u);
    BOOST_REQUIRE(by.count(Host::CH) == 1u);
    double lead = by[Host::MH].beaconLossS - by[Host::CH].beaconLossS;
    double beacon = p.beaconIntervalUs * 1e-6;
    BOOST_TEST(lead >= 1.0 - beacon);
    BOOST_TEST(lead <= 1.0 + beacon);
    BOOST_TEST(by[Host::CH].completed);
    BOOST_TEST(by[Host::MH].completed);
    BOOST_TEST(r.survived);
    BOOST_TEST(r.intact);
}

BOOST_AUTO_TEST_CASE(runs_are_reproducible)
{
    HandoverScenario::Parameters p = ShortRun();
    p.simTimeS = 5;
    HandoverScenario::Result a = HandoverScenario::Run(p);
    HandoverScenario::Result b = HandoverScenario::Run(p);
    BOOST_TEST(a.uplinkBytes == b.uplinkBytes);
    BOOST_TEST(a.retransmissions == b.retransmissions);
    BOOST_REQUIRE_EQUAL(a.handovers.size(), b.handovers.size());
    for (size_t i = 0; i < a.handovers.size(); ++i)
    {
        BOOST_TEST(a.handovers[i].disruptionS == b.handovers[i].disruptionS);
        BOOST_TEST(a.handovers[i].leaseS == b.handovers[i].leaseS);
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(roaming, NsFixture)

namespace
{

/// Signal roaming between APs 80 m apart on channels 36 and 44, active scanning.
HandoverScenario::Parameters
SignalRun()
{
    HandoverScenario::Parameters p = ShortRun();
    UseSignalRoaming(p);
    return p;
}

} // namespace

BOOST_AUTO_TEST_CASE(quick_acks_after_a_move_restart_the_ack_clock)
{
    // A bulk upload across one signal-roaming handover, MobiSocket in band.
    // On ns-3.37 the CH's ACK overtakes the AddConfirm (signed, 0.8 ms of
    // CPU) and reaches the MH while it holds its data, so the MH restarts
    // with the one segment after it (RestartTransmission). With ns-3's
    // delayed ACK that segment's ACK waits DelAckTimeout (200 ms) and
    // nothing else moves; with the receiver in quick-ack mode after the move
    // (QuickAcksAfterMove, Linux's 16) it is answered at once and the upload
    // is back within a few RTTs (20 ms bins; path RTT about 42 ms). On
    // ns-3.48 the same handover restarts with a burst (measured: no stall
    // without quick ACKs either), so only the quick case is bounded there.
    auto recovery = [](uint32_t quickAcks) {
        Config::SetDefault("ns3::RelocatableTcpSocket::QuickAcksAfterMove",
                           UintegerValue(quickAcks));
        HandoverScenario::Parameters p = SignalRun();
        p.signalling = "inband";
        p.traffic = "bulk";
        p.activeProbing = true;
        p.minChannelTimeMs = 30;
        p.maxChannelTimeMs = 30;
        p.scanChannels = "36,44";
        p.speedMps = 20;
        p.simTimeS = 6;
        p.goodputBinMs = 20;
        HandoverScenario::Result r = HandoverScenario::Run(p);
        Simulator::Destroy();
        const auto& h = OnlyHandover(r);
        BOOST_TEST_REQUIRE(h.completed);
        for (size_t b = 0; b < r.goodputTimeS.size(); ++b)
        {
            if (r.goodputTimeS[b] > h.firstNewByteS && r.goodputUplinkMbps[b] > 10)
            {
                return r.goodputTimeS[b] - h.firstNewByteS;
            }
        }
        return 1e9;
    };
    double quick = recovery(16);
    double delayed = recovery(0);
    BOOST_TEST_CONTEXT("quick " << quick << " s, delayed " << delayed << " s")
    {
        BOOST_TEST(quick < 0.1);
#if MOBISOCKET_NS3_VERSION == 337
        BOOST_TEST(delayed > 0.2);
        BOOST_TEST(delayed < 0.3);
#else
        BOOST_TEST(delayed >= quick);
#endif
    }
}

BOOST_AUTO_TEST_CASE(signal_roaming_crosses_channels_before_the_beacons_are_lost)
{
    HandoverScenario::Parameters p = SignalRun();
    HandoverScenario::Result r = HandoverScenario::Run(p);
    const auto& h = OnlyHandover(r);
    BOOST_TEST(r.survived);
    BOOST_TEST(r.intact);
    BOOST_TEST(h.completed);
    // The trigger fires while the old AP still delivers: the last old byte is
    // within one window of beacons of leaving, not MaxMissedBeacons later.
    BOOST_TEST(h.beaconLossS - h.lastOldByteS < 3 * p.beaconIntervalUs * 1e-6);
    // The scan visits channel 36 then 44: ProbeDelay (50-250 us) + 50 ms on
    // each, and the switch to 44 (250 us).
    double scan = h.scanEndS - h.beaconLossS;
    BOOST_TEST(scan >= 0.100);
    BOOST_TEST(scan <= 0.101);
    // Association with AP2 on channel 44 right after (one exchange, under 5 ms).
    BOOST_TEST(h.reassociatedS >= h.scanEndS);
    BOOST_TEST(h.reassociatedS - h.scanEndS < 0.005);
    BOOST_TEST(h.leaseS > h.reassociatedS);
    BOOST_TEST(h.firstNewByteS > h.confirmedS);
    // The L2 gap inside the measured 53-420 ms of real 802.11 handoffs.
    BOOST_TEST(h.reassociatedS - h.beaconLossS >= 0.053);
    BOOST_TEST(h.reassociatedS - h.beaconLossS <= 0.420);
}

BOOST_AUTO_TEST_CASE(a_roam_that_finds_no_better_ap_is_tried_again)
{
    // APs 120 m apart: where AP1's signal falls below the threshold, AP2 is not
    // heard yet, so the scan finds only AP1 and the station joins it again.
    // The trigger stays armed and tries again a window of beacons later (a
    // station keeps scanning while its signal is weak), instead of staying
    // until the beacons are lost. Back with the AP it left, the MH keeps its
    // address: nothing to update.
    HandoverScenario::Parameters p = ShortRun();
    UseSignalRoaming(p);
    p.apSpacingM = 120;
    p.traffic = "stream";
    p.moveStartS = 1;
    p.simTimeS = 8;
    HandoverScenario::Result r = HandoverScenario::Run(p);
    BOOST_TEST(r.survived);
    BOOST_TEST(r.intact);
    std::vector<const HandoverScenario::HandoverRecord*> back;
    for (const auto& h : r.handovers)
    {
        if (h.fromAp == 1 && h.toAp == 1)
        {
            back.push_back(&h);
            BOOST_TEST(std::isnan(h.updateSentS));
            BOOST_TEST(h.outcome != HandoverOutcome::LOST); // resumed, or the retry came first
        }
    }
    BOOST_REQUIRE(back.size() >= 2u);
    for (size_t i = 1; i < back.size(); ++i)
    {
        // Three beacons (307 ms) after the re-association, plus its own scan.
        BOOST_TEST(back[i]->startS - back[i - 1]->reassociatedS < 0.45);
    }
    BOOST_TEST(r.handovers.back().fromAp == 1u);
    BOOST_TEST(r.handovers.back().toAp == 2u);
    BOOST_TEST(r.handovers.back().completed);
}

BOOST_AUTO_TEST_CASE(signal_roaming_scans_passively_for_beacons)
{
    HandoverScenario::Parameters p = SignalRun();
    p.activeProbing = false;
    p.maxChannelTimeMs = 110; // longer than a beacon interval (102.4 ms)
    HandoverScenario::Result r = HandoverScenario::Run(p);
    const auto& h = OnlyHandover(r);
    BOOST_TEST(r.survived);
    // 110 ms on channel 36, the switch to 44 (WifiPhy ChannelSwitchDelay, 250 us), 110 ms there.
    BOOST_TEST(std::fabs(h.scanEndS - h.beaconLossS - (0.220 + 250e-6)) < 1e-6);
    BOOST_TEST(h.reassociatedS - h.scanEndS < 0.005);
}

BOOST_AUTO_TEST_CASE(a_scan_longer_than_the_beacon_watchdog_runs_to_its_end)
{
    // Passive over 11 channels at 125 ms: 1.375 s, longer than the 1.024 s
    // after the last beacon at which ns-3's station, whose watchdog the roam
    // left pending, reports DeAssoc again and asks for a new scan. The scan
    // goes on, and the timeline keeps one handover.
    HandoverScenario::Parameters p = SignalRun();
    p.activeProbing = false;
    p.maxChannelTimeMs = 125;
    p.scanChannels = "36,40,44,48,52,56,60,64,100,104,108";
    p.moveStartS = 2; // the first association's own 1.4 s scan done before the walk
    p.appStartS = 1.5;
    p.simTimeS = 8;
    HandoverScenario::Result r = HandoverScenario::Run(p);
    const auto& h = OnlyHandover(r);
    BOOST_TEST(r.survived);
    BOOST_TEST(h.outcome == HandoverOutcome::RESUMED);
    // 11 dwells and 10 channel switches (250 us each), then the switch back to 44.
    const double scan = h.scanEndS - h.beaconLossS;
    BOOST_TEST(scan >= 11 * 0.125 + 10 * 250e-6);
    BOOST_TEST(scan <= 11 * 0.125 + 12 * 250e-6);
    BOOST_TEST(h.reassociatedS - h.scanEndS < 0.005);
}

BOOST_AUTO_TEST_CASE(beacon_loss_is_unchanged_and_has_no_scan_record)
{
    HandoverScenario::Parameters p = ShortRun();
    HandoverScenario::Result r = HandoverScenario::Run(p);
    const auto& h = OnlyHandover(r);
    BOOST_TEST(std::isnan(h.scanEndS));
    // MaxMissedBeacons (10) beacon intervals after the last beacon, then a
    // 120 ms passive scan on the same channel.
    BOOST_TEST(h.reassociatedS - h.beaconLossS >= 0.120);
    BOOST_TEST(h.beaconLossS - h.lastOldByteS > 0.9);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(corridor, NsFixture)

namespace
{

/// Four APs 100 m apart; the MH walks from 10 m to AP4 at 30 m/s from 2 s, with a stream.
HandoverScenario::Parameters
CorridorRun()
{
    HandoverScenario::Parameters p = ShortRun();
    p.apCount = 4;
    p.apChannels = "36";
    p.speedMps = 30;
    p.moveStartS = 2;
    p.simTimeS = 14;
    p.traffic = "stream";
    return p;
}

/// Check that a run has one WiFi record per AP boundary of the corridor, in order.
void
CheckOneRowPerBoundary(const HandoverScenario::Result& r, uint32_t apCount)
{
    BOOST_REQUIRE_EQUAL(r.handovers.size(), apCount - 1);
    for (uint32_t i = 0; i + 1 < apCount; ++i)
    {
        const auto& h = r.handovers[i];
        BOOST_TEST_CONTEXT("handover " << i + 1)
        {
            BOOST_TEST(h.host == Host::MH);
            BOOST_TEST(h.kind == "wifi");
            BOOST_TEST(h.fromAp == i + 1);
            BOOST_TEST(h.toAp == i + 2);
            BOOST_TEST(h.beaconLossS < h.reassociatedS);
            if (i > 0)
            {
                BOOST_TEST(h.startS > r.handovers[i - 1].reassociatedS);
            }
        }
    }
}

} // namespace

BOOST_DATA_TEST_CASE(every_handover_of_a_corridor_resumes, bdata::xrange(runs::N_MODES), mode)
{
    HandoverScenario::Parameters p = CorridorRun();
    const std::string scheme = runs::MODES[mode];
    UseScheme(p, scheme);
    p.prepareAfterS = 0;
    HandoverScenario::Result r = HandoverScenario::Run(p);
    BOOST_TEST_CONTEXT(scheme)
    {
        CheckOneRowPerBoundary(r, 4);
        BOOST_TEST(r.survived);
        BOOST_TEST(r.intact);
        for (const auto& h : r.handovers)
        {
            BOOST_TEST(h.outcome == HandoverOutcome::RESUMED);
            BOOST_TEST(h.leaseS <= h.updateSentS);
            // Each gap is the beacon-loss gap (about 1.1 s) plus the update.
            BOOST_TEST(h.disruptionS > 0.9);
            BOOST_TEST(h.disruptionS < 1.6);
        }
        // The stream is delivered at its rate apart from the three gaps.
        double expected = p.streamRateKbps * 1000 / 8 * (p.simTimeS - p.appStartS);
        BOOST_TEST(r.uplinkBytes > 0.6 * expected);
        BOOST_TEST(r.uplinkBytes < expected);
    }
}

BOOST_AUTO_TEST_CASE(plain_tcp_loses_the_connection_at_the_first_boundary)
{
    HandoverScenario::Parameters p = CorridorRun();
    p.protocol = "tcp";
    HandoverScenario::Result r = HandoverScenario::Run(p);
    CheckOneRowPerBoundary(r, 4);
    BOOST_TEST(!r.survived);
    BOOST_TEST(r.intact); // what arrived is right, it just stopped
    BOOST_TEST(r.handovers[0].outcome == HandoverOutcome::SUPERSEDED);
    BOOST_TEST(r.handovers[1].outcome == HandoverOutcome::SUPERSEDED);
    BOOST_TEST(r.handovers[2].outcome == HandoverOutcome::LOST);
    // Nothing arrives after the first gap began.
    BOOST_TEST(r.uplinkBytes <= p.streamRateKbps * 1000 / 8 * (r.handovers[0].startS - 1));
}

BOOST_AUTO_TEST_CASE(signal_roaming_follows_a_repeated_channel_plan)
{
    HandoverScenario::Parameters p = CorridorRun();
    p.signalling = "direct";
    UseSignalRoaming(p);
    p.apChannels = "36,40,44"; // AP4 is on 36 again
    p.simTimeS = 11;
    HandoverScenario::Result r = HandoverScenario::Run(p);
    CheckOneRowPerBoundary(r, 4);
    BOOST_TEST(r.survived);
    BOOST_TEST(r.intact);
    for (const auto& h : r.handovers)
    {
        // Three channels probed (ProbeDelay, 50-250 us, + 50 ms each) and up
        // to three switches (250 us each; the first unless the scan starts on
        // the current channel).
        BOOST_TEST(h.scanEndS - h.beaconLossS >= 0.150);
        BOOST_TEST(h.scanEndS - h.beaconLossS <= 0.152);
        BOOST_TEST(h.reassociatedS - h.beaconLossS >= 0.053);
        BOOST_TEST(h.reassociatedS - h.beaconLossS <= 0.420);
        BOOST_TEST(h.outcome == HandoverOutcome::RESUMED);
    }
}

BOOST_AUTO_TEST_CASE(stop_early_ends_settle_after_the_last_resumption_with_the_same_records)
{
    HandoverScenario::Parameters p = CorridorRun();
    p.simTimeS = 30;
    HandoverScenario::Result full = HandoverScenario::Run(p);
    p.stopEarly = true;
    p.settleS = 2;
    HandoverScenario::Result early = HandoverScenario::Run(p);
    BOOST_TEST(full.endS == 30);
    BOOST_REQUIRE_EQUAL(early.handovers.size(), 3u);
    BOOST_REQUIRE_EQUAL(full.handovers.size(), 3u);
    for (size_t i = 0; i < 3; ++i)
    {
        BOOST_TEST(early.handovers[i].reassociatedS == full.handovers[i].reassociatedS);
        BOOST_TEST(early.handovers[i].firstNewByteS == full.handovers[i].firstNewByteS);
        BOOST_TEST(early.handovers[i].disruptionS == full.handovers[i].disruptionS);
    }
    // The walk ends at 2 + 290 / 30 s; the last resumption is later than
    // that minus settleS, so the run ends settleS after it.
    double walkEnd = 2 + 290.0 / 30;
    double resumed = early.handovers[2].firstNewByteS;
    BOOST_TEST(resumed + p.settleS > walkEnd);
    BOOST_TEST(std::fabs(early.endS - (resumed + p.settleS)) < 1e-9);
    BOOST_TEST(early.survived);
    BOOST_TEST(early.goodputTimeS.size() == size_t(std::ceil(early.endS / 0.1)));
}

BOOST_AUTO_TEST_CASE(stop_early_lets_a_run_that_does_not_resume_go_on)
{
    HandoverScenario::Parameters p = CorridorRun();
    p.protocol = "tcp";
    p.stopEarly = true;
    HandoverScenario::Result r = HandoverScenario::Run(p);
    BOOST_TEST(r.endS == p.simTimeS);
    BOOST_TEST(!r.survived);
}

BOOST_AUTO_TEST_CASE(two_aps_give_the_same_numbers_as_before_the_corridor)
{
    // The default run's timeline, as printed before apCount existed (ns-3.37,
    // RngRun 1): beacon loss 3.717 s, re-association 3.837 s. The lease came at
    // 3.850 s with ns-3's DhcpClient and its 10 ms Collect (preset "fast"); the
    // default preset android takes the first offer: 3.840 s.
    HandoverScenario::Parameters p;
    p.simTimeS = 5;
    HandoverScenario::Result r = HandoverScenario::Run(p);
    const auto& h = OnlyHandover(r);
    BOOST_TEST(h.fromAp == 1u);
    BOOST_TEST(h.toAp == 2u);
#if MOBISOCKET_NS3_VERSION == 337
    BOOST_TEST(std::fabs(h.beaconLossS - 3.717) < 0.0005);
    BOOST_TEST(std::fabs(h.reassociatedS - 3.837) < 0.0005);
    BOOST_TEST(std::fabs(h.leaseS - 3.840) < 0.0005);
#endif
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(address, NsFixture)

/**
 * \brief The walk a user reported: on ns-3's DhcpClient (the old preset
 *        "fast") its REQUEST or ACK was lost and ReRequest cost 10 s.
 * \param preset the addressPreset
 * \return the parameters
 */
HandoverScenario::Parameters
ReportedWalk(const std::string& preset)
{
    HandoverScenario::Parameters p;
    const std::vector<std::pair<std::string, std::string>> arguments = {
        {"signalling", "direct"},
        {"traffic", "bulk"},
        {"direction", "downlink"},
        {"speedMps", "5"},
        {"maxMissedBeacons", "3"},
        {"activeProbing", "0"},
        {"RngRun", "246741"},
        {"simTimeS", "16"},
        {"moveStartS", "3"},
        {"resetTimer", "0"},
        {"addressPreset", preset},
    };
    for (const auto& [name, value] : arguments)
    {
        BOOST_REQUIRE_EQUAL(p.Set(name, value), "");
    }
    return p;
}

BOOST_AUTO_TEST_CASE(presets_lease_within_their_offer_delay_after_reassociation)
{
    // android takes the first offer (one exchange over the air: a few ms);
    // rfc waits 500 ms after it (the stand-in for the server's conflict
    // check). At this cell edge a broadcast OFFER may be lost (it is never
    // retried by the MAC; on ns-3.48 this walk loses the first): the lease
    // then comes one retransmission later, 2 s +-10 % (android) or 4 +-1 s
    // (rfc), never ns-3's 10 s ReRequest the user met.
    struct Expected
    {
        const char* preset;
        double offerWait;  //!< s
        double retransmit; //!< the first retransmission's longest delay (s)
    };

    for (const Expected& e : {Expected{"android", 0, 2.2}, Expected{"rfc", 0.5, 5}})
    {
        BOOST_TEST_CONTEXT(e.preset)
        {
            HandoverScenario::Parameters p = ReportedWalk(e.preset);
            p.simTimeS = 25; // as the user ran it
            HandoverScenario::Result r = HandoverScenario::Run(p);
            const auto& h = OnlyHandover(r);
            double address = h.leaseS - h.reassociatedS;
            BOOST_TEST(address >= e.offerWait);
            BOOST_TEST(address <= e.offerWait + e.retransmit + 0.02);
#if MOBISOCKET_NS3_VERSION == 337
            BOOST_TEST(address <= e.offerWait + 0.02); // nothing lost on this release's walk
#endif
            BOOST_TEST(r.survived);
            BOOST_TEST(r.intact);
        }
    }
}

/**
 * \param dnav4 whether the MH's client uses DNAv4
 * \return the MH walks to AP2 and back to AP1 (rfc preset)
 */
HandoverScenario::Parameters
ThereAndBack(bool dnav4)
{
    HandoverScenario::Parameters p;
    p.walkBack = true;
    p.addressPreset = "rfc";
    p.dnav4 = dnav4;
    p.signalling = "inband";
    p.traffic = "stream";
    p.direction = "both";
    p.simTimeS = 14;
    return p;
}

BOOST_AUTO_TEST_CASE(walk_back_hands_over_to_the_first_ap_again)
{
    HandoverScenario::Result r = HandoverScenario::Run(ThereAndBack(false));
    BOOST_REQUIRE_EQUAL(r.handovers.size(), 2u);
    BOOST_TEST(r.handovers[0].fromAp == 1u);
    BOOST_TEST(r.handovers[0].toAp == 2u);
    BOOST_TEST(r.handovers[1].fromAp == 2u);
    BOOST_TEST(r.handovers[1].toAp == 1u);
    for (const auto& h : r.handovers)
    {
        BOOST_TEST(h.outcome == HandoverOutcome::RESUMED);
        BOOST_TEST(h.leaseS - h.reassociatedS >= 0.5); // a full DHCP exchange each time
    }
    BOOST_TEST(r.survived);
    BOOST_TEST(r.intact);
}

BOOST_AUTO_TEST_CASE(dnav4_reuses_the_lease_of_the_subnet_it_returns_to)
{
    HandoverScenario::Result r = HandoverScenario::Run(ThereAndBack(true));
    BOOST_REQUIRE_EQUAL(r.handovers.size(), 2u);
    const auto& there = r.handovers[0];
    const auto& back = r.handovers[1];
    // A new subnet: DNAv4 fails and DHCP, run in parallel, pays its 500 ms.
    BOOST_TEST(there.leaseS - there.reassociatedS >= 0.5);
    BOOST_TEST(there.leaseS - there.reassociatedS <= 0.52);
    // Back on AP1's subnet: one unicast ARP exchange with the old gateway.
    BOOST_TEST(back.leaseS - back.reassociatedS >= 0);
    BOOST_TEST(back.leaseS - back.reassociatedS < 0.01);
    BOOST_TEST(back.outcome == HandoverOutcome::RESUMED);
    BOOST_TEST(r.survived);
    BOOST_TEST(r.intact);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(grid, NsFixture)

BOOST_AUTO_TEST_CASE(a_walk_on_a_grid_follows_the_first_row)
{
    HandoverScenario::Parameters p;
    p.apCount = 4;
    p.apColumns = 2; // AP1 AP2 on the first row, AP3 AP4 100 m above
    p.simTimeS = 8;
    HandoverScenario::Result r = HandoverScenario::Run(p);
    const auto& h = OnlyHandover(r);
    BOOST_TEST(h.fromAp == 1u);
    BOOST_TEST(h.toAp == 2u);
    BOOST_TEST(r.survived);
}

/**
 * \param dnav4 whether the MH's DHCP client uses DNAv4
 * \return a minute of random waypoints over a 2 x 2 grid (rfc preset)
 */
HandoverScenario::Result
RandomWaypoints(bool dnav4)
{
    HandoverScenario::Parameters p;
    p.apCount = 4;
    p.apColumns = 2;
    p.mobility = "random-waypoint";
    p.speedMps = 10;
    p.simTimeS = 60;
    p.traffic = "stream";
    p.direction = "both";
    p.signalling = "inband";
    p.addressPreset = "rfc";
    p.dnav4 = dnav4;
    p.rngRun = 3;
    return HandoverScenario::Run(p);
}

BOOST_AUTO_TEST_CASE(random_waypoints_come_back_to_aps_and_dnav4_reuses_their_leases)
{
    for (bool dnav4 : {false, true})
    {
        BOOST_TEST_CONTEXT("dnav4 " << dnav4)
        {
            HandoverScenario::Result r = RandomWaypoints(dnav4);
            BOOST_TEST(r.intact);
            BOOST_REQUIRE(r.handovers.size() >= 4u);
            std::set<uint32_t> visited{1};
            int returns = 0;
            int resumed = 0;
            for (const auto& h : r.handovers)
            {
                if (h.outcome == HandoverOutcome::RESUMED)
                {
                    ++resumed;
                }
                if (std::isnan(h.leaseS))
                {
                    continue;
                }
                const double address = h.leaseS - h.reassociatedS;
                const bool back = visited.count(h.toAp) > 0;
                visited.insert(h.toAp);
                returns += back;
                BOOST_TEST_CONTEXT("AP" << h.fromAp << " -> AP" << h.toAp)
                {
                    if (dnav4 && back) // a remembered subnet: one ARP exchange
                    {
                        BOOST_TEST(address < 0.01);
                    }
                    else // DHCP with rfc's 500 ms offer wait
                    {
                        BOOST_TEST(address >= 0.5);
                        BOOST_TEST(address <= 0.52);
                    }
                }
            }
            BOOST_TEST(returns >= 2);
            BOOST_TEST(resumed >= 3);
            // The run ends with the MH between cells, before a new address.
            BOOST_TEST(r.handovers.back().outcome != HandoverOutcome::LOST);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(load, NsFixture)

/// Where the MH's goodput is measured after the handover: under AP2.
constexpr double AFTER_FROM_S = 8;
/// The end of that window (and of the run).
constexpr double AFTER_TO_S = 20;

/**
 * \param crossTraffic none | udp | tcp, at a station next to AP2 only
 * \return the default run (bulk upload, handover to AP2 at about 3.8 s)
 */
HandoverScenario::Result
LoadedRun(const std::string& crossTraffic)
{
    HandoverScenario::Parameters p;
    p.simTimeS = AFTER_TO_S;
    p.crossTraffic = crossTraffic;
    p.crossAps = "2";
    p.crossRateMbps = 10;
    return HandoverScenario::Run(p);
}

/**
 * \param r a result
 * \return the MH's mean uplink goodput while it is under AP2 (Mb/s)
 */
double
GoodputAfter(const HandoverScenario::Result& r)
{
    double sum = 0;
    int bins = 0;
    for (size_t b = 0; b < r.goodputTimeS.size(); ++b)
    {
        if (r.goodputTimeS[b] >= AFTER_FROM_S && r.goodputTimeS[b] < AFTER_TO_S)
        {
            sum += r.goodputUplinkMbps[b];
            ++bins;
        }
    }
    BOOST_REQUIRE(bins > 0);
    return sum / bins;
}

BOOST_AUTO_TEST_CASE(udp_cross_traffic_on_the_new_ap_takes_its_rate_from_the_mh)
{
    HandoverScenario::Result idle = LoadedRun("none");
    HandoverScenario::Result loaded = LoadedRun("udp");
    for (const auto* r : {&idle, &loaded})
    {
        BOOST_TEST(r->survived);
        BOOST_TEST(r->intact);
        BOOST_REQUIRE_EQUAL(r->crossBytes.size(), 2u);
        BOOST_TEST(r->crossBytes[0] == 0u); // no station at AP1
    }
    BOOST_TEST(idle.crossBytes[1] == 0u);
    // The 10 Mb/s stream is below what the AP can send: its station gets it
    // all, from appStartS (1 s) to the end.
    const double offered = 10e6 / 8 * (AFTER_TO_S - 1);
    BOOST_TEST(double(loaded.crossBytes[1]) >= 0.97 * offered);
    BOOST_TEST(double(loaded.crossBytes[1]) <= 1.0 * offered);
    // The air it uses is the MH's loss: at the same PHY rate a byte costs the
    // same air time either way, so the MH loses about the stream's rate.
    const double lost = GoodputAfter(idle) - GoodputAfter(loaded);
    BOOST_TEST_MESSAGE("MH goodput under AP2: " << GoodputAfter(idle) << " -> "
                                                << GoodputAfter(loaded) << " Mb/s");
    BOOST_TEST(lost >= 0.8 * 10);
    BOOST_TEST(lost <= 1.2 * 10);
}

BOOST_AUTO_TEST_CASE(tcp_cross_traffic_shares_the_new_ap)
{
    HandoverScenario::Result idle = LoadedRun("none");
    HandoverScenario::Result loaded = LoadedRun("tcp");
    BOOST_TEST(loaded.survived);
    BOOST_TEST(loaded.intact);
    // Two saturated senders, the MH and the AP (which also carries the
    // MH's ACKs): DCF gives each about half the transmit opportunities.
    const double share = GoodputAfter(loaded) / GoodputAfter(idle);
    BOOST_TEST_MESSAGE("MH goodput share under AP2 with a TCP bulk flow: " << share);
    BOOST_TEST(share >= 0.25);
    BOOST_TEST(share <= 0.6);
    const double crossMbps = loaded.crossBytes[1] * 8 / 1e6 / (AFTER_TO_S - 1);
    BOOST_TEST(crossMbps >= GoodputAfter(loaded));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(impairments, NsFixture)

BOOST_AUTO_TEST_CASE(wired_loss_costs_retransmissions_not_bytes)
{
    HandoverScenario::Parameters p;
    p.simTimeS = 8;
    p.mhMoves = false; // no handover: every retransmission repairs a wired loss
    HandoverScenario::Result clean = HandoverScenario::Run(p);
    p.wiredLossRate = 0.01;
    HandoverScenario::Result lossy = HandoverScenario::Run(p);
    BOOST_TEST(lossy.survived);
    BOOST_TEST(lossy.intact);
    BOOST_TEST(clean.retransmissions == 0u);
    BOOST_TEST(lossy.retransmissions >= 10u);
    // TCP halves its window at each loss: at a 42 ms RTT, 1 % loss allows
    // about 1.22 MSS / (RTT sqrt(p)) = 3.4 Mb/s of the 100 Mb/s path.
    BOOST_TEST(lossy.uplinkBytes < clean.uplinkBytes / 2);
}

/**
 * \brief An IPv4 packet in a point-to-point frame, as a receive error model
 *        sees it.
 * \param payload the IP payload, its transport header included
 * \param protocol the IP protocol
 * \return the frame
 */
Ptr<Packet>
Frame(Ptr<Packet> payload, uint8_t protocol)
{
    Ipv4Header ip;
    ip.SetProtocol(protocol);
    ip.SetSource(Ipv4Address("10.0.200.1"));
    ip.SetDestination(Ipv4Address("10.0.200.2"));
    ip.SetPayloadSize(payload->GetSize());
    payload->AddHeader(ip);
    PppHeader ppp;
    ppp.SetProtocol(0x0021);
    payload->AddHeader(ppp);
    return payload;
}

/**
 * \param payload bytes after the UDP header
 * \param port the destination port
 * \return a UDP datagram in its frame
 */
Ptr<Packet>
UdpFrame(Ptr<Packet> payload, uint16_t port)
{
    UdpHeader udp;
    udp.SetSourcePort(port);
    udp.SetDestinationPort(port);
    payload->AddHeader(udp);
    return Frame(payload, UdpL4Protocol::PROT_NUMBER);
}

/**
 * \param payload bytes after the TCP header
 * \param flags the TCP flags
 * \return a TCP segment in its frame
 */
Ptr<Packet>
TcpFrame(Ptr<Packet> payload, uint8_t flags)
{
    TcpHeader tcp;
    tcp.SetFlags(flags);
    tcp.SetSourcePort(49153);
    tcp.SetDestinationPort(5000);
    payload->AddHeader(tcp);
    return Frame(payload, TcpL4Protocol::PROT_NUMBER);
}

BOOST_AUTO_TEST_CASE(the_dns_rendezvous_is_named_and_counted_as_signalling)
{
    // TCP Migrate's rendezvous is part of its signalling: named by the
    // header's QR bit and opcode, and lost by the signalling loss model.
    auto frame = [](const DnsMessage& m) {
        std::vector<uint8_t> bytes = m.Encode();
        return UdpFrame(Create<Packet>(bytes.data(), bytes.size()), 53);
    };
    auto name = [](Ptr<Packet> frame) {
        PppHeader ppp;
        frame->RemoveHeader(ppp);
        return SignallingClassifier::Name(frame);
    };
    DnsMessage query = DnsMessage::MakeQuery(1, "ch.mobi.example.", DnsMessage::TYPE_A);
    DnsMessage update = DnsMessage::MakeUpdate(2, "mobi.example.");
    BOOST_TEST(name(frame(query)) == "DNS query");
    BOOST_TEST(name(frame(DnsMessage::MakeResponse(query, 0))) == "DNS query response");
    BOOST_TEST(name(frame(update)) == "DNS UPDATE");
    BOOST_TEST(name(frame(DnsMessage::MakeResponse(update, 0))) == "DNS UPDATE response");
    // Shorter than a DNS header: not a DNS message.
    BOOST_TEST(name(UdpFrame(Create<Packet>(11), 53)) == "");
    Ptr<SignallingErrorModel> model = CreateObject<SignallingErrorModel>();
    model->SetAttribute("Rate", DoubleValue(1));
    BOOST_TEST(model->IsCorrupt(frame(update)));
    BOOST_TEST(!model->IsCorrupt(UdpFrame(Create<Packet>(11), 53)));
    BOOST_TEST(model->GetSeen() == 1u);
}

BOOST_AUTO_TEST_CASE(the_signalling_error_model_loses_signalling_only)
{
    AddChangeHeader change;
    change.SetToken(7);
    change.SetSequence(1);
    change.SetOldAddress(Ipv4Address("10.1.1.2"));
    change.SetNewAddress(Ipv4Address("10.1.2.2"));
    change.SetNewPort(49153);
    const std::string info = "INFO sip:ch@x SIP/2.0\r\nCSeq: 2 INFO\r\n\r\n";
    auto text = [](const std::string& t) {
        return Create<Packet>(reinterpret_cast<const uint8_t*>(t.data()), t.size());
    };
    Ptr<SignallingErrorModel> model = CreateObject<SignallingErrorModel>();
    model->SetAttribute("Rate", DoubleValue(1));
    // Signalling: in band, in SIP, over the daemons' UDP.
    BOOST_TEST(model->IsCorrupt(TcpFrame(change.ToPacket(), TcpHeader::ACK | TcpHeader::URG)));
    BOOST_TEST(model->IsCorrupt(UdpFrame(text(info), 5060)));
    BOOST_TEST(model->IsCorrupt(UdpFrame(change.ToPacket(), 7700)));
    // Not signalling: data, a pure ACK, an urgent segment without an
    // envelope, DHCP, other UDP.
    BOOST_TEST(!model->IsCorrupt(TcpFrame(Create<Packet>(1000), TcpHeader::ACK)));
    BOOST_TEST(!model->IsCorrupt(TcpFrame(Create<Packet>(0), TcpHeader::ACK)));
    BOOST_TEST(!model->IsCorrupt(TcpFrame(Create<Packet>(100), TcpHeader::ACK | TcpHeader::URG)));
    BOOST_TEST(!model->IsCorrupt(UdpFrame(Create<Packet>(300), 67)));
    BOOST_TEST(!model->IsCorrupt(UdpFrame(Create<Packet>(300), 9)));
    BOOST_TEST(model->GetSeen() == 3u);
    BOOST_TEST(model->GetLost() == 3u);
    // Nothing is lost before Start.
    model->SetAttribute("Start", TimeValue(Seconds(1)));
    BOOST_TEST(!model->IsCorrupt(UdpFrame(text(info), 5060)));
    model->SetAttribute("Start", TimeValue(Seconds(0)));
    BOOST_TEST(model->GetLost() == 3u);

    // At Rate 0.3, 10,000 AddChanges: the share lost within 4.5 standard
    // deviations (0.0046) of 0.3.
    model->SetAttribute("Rate", DoubleValue(0.3));
    model->AssignStreams(1);
    for (int i = 0; i < 10000; ++i)
    {
        model->IsCorrupt(TcpFrame(change.ToPacket(), TcpHeader::ACK | TcpHeader::URG));
    }
    double share = double(model->GetLost() - 3) / (model->GetSeen() - 3);
    BOOST_TEST(share == 0.3, boost::test_tools::tolerance(0.07));
}

BOOST_AUTO_TEST_CASE(signalling_loss_spares_the_data)
{
    // No handover and in-band signalling: nothing on the wire is signalling
    // (the handshake's option is not a message), so the run is the clean one.
    HandoverScenario::Parameters p;
    p.signalling = "inband";
    p.simTimeS = 6;
    p.mhMoves = false;
    HandoverScenario::Result clean = HandoverScenario::Run(p);
    p.signallingLossRate = 0.9;
    HandoverScenario::Result lossy = HandoverScenario::Run(p);
    BOOST_TEST(lossy.signallingLost == 0u);
    BOOST_TEST(lossy.retransmissions == 0u);
    BOOST_TEST(lossy.uplinkBytes == clean.uplinkBytes);
    BOOST_TEST(lossy.intact);
}

BOOST_DATA_TEST_CASE(each_lost_in_band_message_costs_one_more_addchange, bdata::xrange(1, 4), run)
{
    // Half the AddChanges and AddConfirms are lost on the CH's wired link
    // (each crosses it once). The mover sends its AddChange again when no
    // AddConfirm came, and the CH answers a copy of the update it accepted
    // with its AddConfirm again: each loss costs one more AddChange.
    HandoverScenario::Parameters p = ShortRun();
    p.signalling = "inband";
    p.signallingLossRate = 0.5;
    p.simTimeS = 14;
    p.rngRun = run;
    HandoverScenario::Result r = HandoverScenario::Run(p);
    BOOST_TEST_MESSAGE("RngRun " << run << ": " << r.signallingLost << " lost, "
                                 << r.signalling.at("AddChange").count << " AddChange");
    BOOST_TEST(r.survived);
    BOOST_TEST(r.intact);
    BOOST_TEST(r.signalling.at("AddChange").count == 1 + r.signallingLost);
    BOOST_TEST(r.signalling.at("AddConfirm").count >= 1u);
}

BOOST_AUTO_TEST_CASE(proxy_loss_makes_sip_retransmit)
{
    auto count = [](const HandoverScenario::Result& r, const std::string& type) {
        auto found = r.signalling.find(type);
        return found == r.signalling.end() ? uint64_t(0) : found->second.count;
    };
    HandoverScenario::Parameters p;
    p.signalling = "proxy";
    p.simTimeS = 3;
    HandoverScenario::Result clean = HandoverScenario::Run(p);
    BOOST_TEST(count(clean, "SIP REGISTER") == 2u); // MH and CH, answered at once
    // Almost nothing crosses the proxy link: each user agent sends its
    // REGISTER at about 0.12 s and again after SIP's T1 (500 ms), then 1 s
    // later; no call is placed before the registrations succeed.
    p.proxyLossRate = 0.99;
    HandoverScenario::Result lossy = HandoverScenario::Run(p);
    BOOST_TEST(count(lossy, "SIP REGISTER") >= 6u);
    BOOST_TEST(count(lossy, "SIP INVITE") == 0u);
}

/**
 * \brief The time from the update leaving to its confirmation arriving, in
 *        a run without and one with jitter.
 * \param p the scenario (its jitter is the second run's)
 * \param jitter sets the jitter in p
 * \return the extra time the jitter added, and the two results
 */
static std::tuple<double, HandoverScenario::Result, HandoverScenario::Result>
ExchangeWithJitter(HandoverScenario::Parameters p,
                   const std::function<void(HandoverScenario::Parameters&)>& jitter)
{
    HandoverScenario::Result clean = HandoverScenario::Run(p);
    jitter(p);
    HandoverScenario::Result jittery = HandoverScenario::Run(p);
    auto exchange = [](const HandoverScenario::Result& r) {
        const auto& h = OnlyHandover(r);
        return h.confirmedS - h.updateSentS;
    };
    return {exchange(jittery) - exchange(clean), clean, jittery};
}

BOOST_AUTO_TEST_CASE(wired_jitter_delays_each_crossing_by_at_most_its_bound)
{
    HandoverScenario::Parameters p;
    p.signalling = "inband";
    p.simTimeS = 6;
    // AddChange to the CH and AddConfirm back cross the wired path once each.
    auto [extra, clean, jittery] =
        ExchangeWithJitter(p, [](HandoverScenario::Parameters& q) { q.wiredJitterMs = 10; });
    BOOST_TEST(jittery.survived);
    BOOST_TEST(jittery.intact);
    BOOST_TEST(extra > 0);
    BOOST_TEST(extra <= 2 * 0.010 + 1e-6);
    // A round trip that varies from segment to segment slows the transfer.
    BOOST_TEST(jittery.uplinkBytes < clean.uplinkBytes);
}

BOOST_AUTO_TEST_CASE(proxy_jitter_delays_the_sip_exchange_only)
{
    HandoverScenario::Parameters p;
    p.signalling = "proxy";
    p.simTimeS = 6;
    // INFO and its 200 OK each cross the proxy link twice (in and out).
    auto [extra, clean, jittery] =
        ExchangeWithJitter(p, [](HandoverScenario::Parameters& q) { q.proxyJitterMs = 10; });
    BOOST_TEST(jittery.survived);
    BOOST_TEST(jittery.intact);
    BOOST_TEST(extra > 0);
    BOOST_TEST(extra <= 4 * 0.010 + 1e-6);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(ns3_defects, NsFixture)

/**
 * Issue 15's crash, found again by random RngRuns of its configuration
 * (550026, 290181 and 623872 of 14 drawn): at the beacon loss at 5.53 s,
 * ns-3.37's StaWifiMac::Disassociated flushes a queue whose last MPDUs have
 * expired and dereferences a null MPDU (see ExpiredMpduWiper). With the
 * wiper the run goes on and the connection survives.
 */
BOOST_AUTO_TEST_CASE(disassociation_with_expired_mpdus_queued_does_not_crash)
{
    HandoverScenario::Parameters p;
    p.signalling = "direct";
    p.direction = "both";
    p.speedMps = 20;
    p.wiredDelayMs = 1;
    p.accessDelayMs = 0.5;
    p.resetTimer = false;
    p.congestionPolicy = "RestorePreOutage";
    p.addressPreset = "rfc";
    p.maxMissedBeacons = 5;
    p.activeProbing = true;
    p.moveStartS = 3;
    p.simTimeS = 8;
    p.rngRun = 550026;
    HandoverScenario::Result r = HandoverScenario::Run(p);
    BOOST_TEST(r.intact);
    const auto& h = OnlyHandover(r);
#if MOBISOCKET_NS3_VERSION == 337
    // The beacon loss that crashed the run (another release draws another
    // walk from the same RngRun: there the case only has to run and survive).
    BOOST_TEST(h.beaconLossS == 5.5327, boost::test_tools::tolerance(1e-4));
#else
    BOOST_TEST(h.beaconLossS > 0.0);
#endif
    BOOST_TEST(r.survived);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(energy, NsFixture)

/// ns-3's WifiRadioEnergyModel currents: idle (the least of a powered radio) and transmit (A).
constexpr double IDLE_A = 0.273;
/// See IDLE_A.
constexpr double TX_A = 0.380;

BOOST_AUTO_TEST_CASE(the_radio_is_charged_for_the_whole_run_and_each_handover)
{
    HandoverScenario::Parameters p;
    p.simTimeS = 10;
    HandoverScenario::Result r = HandoverScenario::Run(p);
    const auto& h = OnlyHandover(r);
    BOOST_REQUIRE(!r.crypto.empty());
    const NodeCrypto& mh = r.crypto.front();
    BOOST_REQUIRE(mh.host == Host::MH);
    // Never below idle, never above transmitting, all run long: ns-3's own
    // model stopped at the first disassociation (3.7 s, 4.3 J).
    const double volts = p.supplyVoltageV;
    BOOST_TEST(mh.radioEnergyJ >= IDLE_A * volts * p.simTimeS * 0.999);
    BOOST_TEST(mh.radioEnergyJ <= TX_A * volts * p.simTimeS);
    // The handover's share, from the beacon loss to the first new byte.
    const double span = h.firstNewByteS - h.startS;
    BOOST_TEST(h.radioEnergyJ >= IDLE_A * volts * span * 0.999);
    BOOST_TEST(h.radioEnergyJ <= TX_A * volts * span);
    // The CPU's crypto energy is three orders of magnitude below the radio's.
    BOOST_TEST(mh.energyJ < h.radioEnergyJ / 100);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(verdict, NsFixture)

/**
 * The ping-pong walk below is a run of ns-3.37's WiFi model: its station
 * loses AP1 at the cell edge, associates with AP2, and loses the link again
 * within the rfc preset's 500 ms offer delay, before its lease (RngRun 7,
 * 17, 21 and 29 of 1-30 ping-pong so; until the presets moved to
 * MobileDhcpClient it was RngRun 870622). On ns-3.48 the walk never
 * ping-ponged (0 of 16, measured with ns-3's DhcpClient): the station
 * re-associates and its first DHCP exchange completes, so these three runs would test
 * nothing of the verdict rule there. They run only where the walk is known
 * to ping-pong; the rule itself is tested on hand-made records on every
 * release, on hand-made records (verdict/the_rule) and on wired runs whose
 * second link loss is scheduled (verdict/wired_*), which every release
 * plays out alike.
 */
constexpr bool PING_PONG_WALK_KNOWN = MOBISOCKET_NS3_VERSION < 338;

/**
 * \param simTimeS simulated time
 * \param protocol the scheme
 * \return the ping-pong run of issue 10, as a new user typed it: the MH
 *         re-associates, loses the new AP again before its lease, and only
 *         its second handover completes
 */
HandoverScenario::Parameters
PingPong(double simTimeS, const std::string& protocol = "mobisocket")
{
    HandoverScenario::Parameters p;
    const std::vector<std::pair<std::string, std::string>> arguments = {
        {"protocol", protocol},
        {"signalling", "direct"},
        {"traffic", "stream"},
        {"direction", "both"},
        {"speedMps", "5"},
        {"wiredDelayMs", "1"},
        {"accessDelayMs", "0.5"},
        {"maxMissedBeacons", "3"},
        {"activeProbing", "1"},
        {"RngRun", "7"},
        {"resetTimer", "0"},
        {"addressPreset", "rfc"},
        {"simTimeS", std::to_string(simTimeS)},
    };
    for (const auto& [name, value] : arguments)
    {
        BOOST_REQUIRE_EQUAL(p.Set(name, value), "");
    }
    return p;
}

BOOST_AUTO_TEST_CASE(a_superseded_handover_does_not_fail_the_run,
                     *boost::unit_test::enable_if<PING_PONG_WALK_KNOWN>())
{
    HandoverScenario::Result r = HandoverScenario::Run(PingPong(25));
    BOOST_REQUIRE_EQUAL(r.handovers.size(), 2u);
    const auto& first = r.handovers[0];
    const auto& second = r.handovers[1];
    BOOST_TEST(first.outcome == HandoverOutcome::SUPERSEDED);
    BOOST_TEST(std::isnan(first.leaseS)); // lost again before its lease
    BOOST_TEST(second.outcome == HandoverOutcome::RESUMED);
    BOOST_TEST(second.firstNewByteS > second.confirmedS);
    BOOST_TEST(r.verdict == Verdict::SURVIVED);
    BOOST_TEST(r.survived);
    BOOST_TEST(r.intact);
    BOOST_TEST(r.uplinkBytes == 768000u);
    BOOST_TEST(r.downlinkBytes == 768000u);
}

BOOST_AUTO_TEST_CASE(a_run_ending_before_the_data_could_resume_is_unresolved,
                     *boost::unit_test::enable_if<PING_PONG_WALK_KNOWN>())
{
    // Without ResetTimer the data waits for the backed-off retransmission
    // timer, which expires about 6 s after the change completed (16 s in):
    // ended at 12 s, the run cannot tell whether the connection survives.
    HandoverScenario::Result r = HandoverScenario::Run(PingPong(12));
    BOOST_REQUIRE_EQUAL(r.handovers.size(), 2u);
    const auto& last = r.handovers[1];
    BOOST_TEST(last.confirmedS < 12);
    BOOST_TEST(std::isnan(last.firstNewByteS));
    BOOST_TEST(last.outcome == HandoverOutcome::UNRESOLVED);
    BOOST_TEST(r.verdict == Verdict::UNRESOLVED);
    BOOST_TEST(!r.survived);
    BOOST_TEST(r.intact);
}

BOOST_AUTO_TEST_CASE(a_connection_that_did_not_recover_failed,
                     *boost::unit_test::enable_if<PING_PONG_WALK_KNOWN>())
{
    // Plain TCP on the same walk: the connection cannot follow the address.
    // Its RTO retransmission at 16.04 s still leaves from the old address and,
    // without ingress filtering, reaches the CH with 640 new bytes; the CH's
    // ACK goes to the old address and is lost. Counting that arrival as the
    // data resuming called this dead connection "survived": the mover must
    // hear back (data or an ACK of new data) for its handover to resume.
    HandoverScenario::Result r = HandoverScenario::Run(PingPong(25, "tcp"));
    BOOST_REQUIRE(!r.handovers.empty());
    BOOST_TEST(r.handovers.back().outcome == HandoverOutcome::LOST);
    BOOST_TEST(std::isnan(r.handovers.back().firstNewByteS));
    BOOST_TEST(r.uplinkBytes < 768000u);
    BOOST_TEST(r.verdict == Verdict::FAILED);
    BOOST_TEST(!r.survived);
}

/**
 * \param protocol the scheme
 * \param simTimeS simulated time
 * \param resetTimer MobiSocket's ResetTimer after the update
 * \return a wired run in which the MH's link fails at 1 s, fails again at
 *         1.5 s while it still waits for an address (as a station that
 *         loses the new AP before its lease), and it gets its address at 2 s
 */
ScenarioResult
WiredPingPong(const std::string& protocol, double simTimeS, bool resetTimer = true)
{
    WiredScenario::Parameters p;
    p.protocol = protocol;
    p.signalling = "inband";
    p.resetTimer = resetTimer;
    p.mhSendBytes = 500000;
    p.chSendBytes = 500000;
    p.streamKbps = 2000; // below the 10 Mb/s links: the queues never overflow
    p.mhMoveAtS = 1;
    p.mhOutageS = 1;
    p.simTimeS = simTimeS;
    WiredScenario run(p);
    Simulator::Schedule(Seconds(1.5), &WiredScenario::NotifyLinkLost, &run, 0);
    ScenarioResult r = run.Run();
    Simulator::Destroy();
    return r;
}

BOOST_AUTO_TEST_CASE(wired_a_superseded_handover_does_not_fail_the_run)
{
    ScenarioResult r = WiredPingPong("mobisocket", 8);
    BOOST_REQUIRE_EQUAL(r.handovers.size(), 2u);
    BOOST_TEST(r.handovers[0].outcome == HandoverOutcome::SUPERSEDED);
    BOOST_TEST(std::isnan(r.handovers[0].leaseS));
    BOOST_TEST(r.handovers[1].outcome == HandoverOutcome::RESUMED);
    BOOST_TEST(r.handovers[1].leaseS == 2.0, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(r.handovers[1].firstNewByteS > r.handovers[1].confirmedS);
    BOOST_TEST(r.verdict == Verdict::SURVIVED);
    BOOST_TEST(r.intact);
    BOOST_TEST(r.uplinkBytes == 500000u);
    BOOST_TEST(r.downlinkBytes == 500000u);
}

BOOST_AUTO_TEST_CASE(wired_a_run_ending_before_the_data_could_resume_is_unresolved)
{
    // Without ResetTimer the data waits for the backed-off retransmission
    // timer, which expires after the change completed: a run ending in
    // between cannot tell whether the connection survives.
    ScenarioResult full = WiredPingPong("mobisocket", 8, false);
    BOOST_REQUIRE_EQUAL(full.handovers.size(), 2u);
    const HandoverRecord& last = full.handovers[1];
    BOOST_REQUIRE(last.firstNewByteS > last.confirmedS + 0.1);
    double end = (last.confirmedS + last.firstNewByteS) / 2;
    ScenarioResult r = WiredPingPong("mobisocket", end, false);
    BOOST_REQUIRE_EQUAL(r.handovers.size(), 2u);
    BOOST_TEST(r.handovers[1].confirmedS < end);
    BOOST_TEST(std::isnan(r.handovers[1].firstNewByteS));
    BOOST_TEST(r.handovers[1].outcome == HandoverOutcome::UNRESOLVED);
    BOOST_TEST(r.verdict == Verdict::UNRESOLVED);
    BOOST_TEST(!r.survived);
    BOOST_TEST(r.intact);
}

BOOST_AUTO_TEST_CASE(wired_a_connection_that_did_not_recover_failed)
{
    // Plain TCP cannot follow the new address.
    ScenarioResult r = WiredPingPong("tcp", 8);
    BOOST_REQUIRE_EQUAL(r.handovers.size(), 2u);
    BOOST_TEST(r.handovers[0].outcome == HandoverOutcome::SUPERSEDED);
    BOOST_TEST(r.handovers[1].outcome == HandoverOutcome::LOST);
    BOOST_TEST(r.verdict == Verdict::FAILED);
    BOOST_TEST(!r.survived);
}

/**
 * \param host the host
 * \param startS when its handover began
 * \param outcome what became of it
 * \return a handover record with only those set
 */
HandoverRecord
Record(Host host, double startS, HandoverOutcome outcome)
{
    HandoverRecord h;
    h.host = host;
    h.startS = startS;
    h.outcome = outcome;
    return h;
}

BOOST_AUTO_TEST_CASE(the_rule)
{
    using O = HandoverOutcome;

    struct Case
    {
        const char* name;
        std::vector<HandoverRecord> handovers;
        bool applicationFailed;
        bool transferFinished;
        Verdict expected;
    };

    const std::vector<Case> cases = {
        {"no handover", {}, false, false, Verdict::SURVIVED},
        {"resumed", {Record(Host::MH, 1, O::RESUMED)}, false, false, Verdict::SURVIVED},
        {"superseded, then resumed",
         {Record(Host::MH, 1, O::SUPERSEDED), Record(Host::MH, 2, O::RESUMED)},
         false,
         false,
         Verdict::SURVIVED},
        {"lost last", {Record(Host::MH, 1, O::LOST)}, false, false, Verdict::FAILED},
        {"lost, but the last resumed",
         {Record(Host::MH, 1, O::LOST), Record(Host::MH, 2, O::RESUMED)},
         false,
         false,
         Verdict::SURVIVED},
        {"unresolved last",
         {Record(Host::MH, 1, O::UNRESOLVED)},
         false,
         false,
         Verdict::UNRESOLVED},
        {"one host lost, the other unresolved",
         {Record(Host::MH, 1, O::UNRESOLVED), Record(Host::CH, 1, O::LOST)},
         false,
         false,
         Verdict::FAILED},
        {"application failed", {Record(Host::MH, 1, O::RESUMED)}, true, false, Verdict::FAILED},
        {"transfer finished before",
         {Record(Host::MH, 1, O::LOST)},
         false,
         true,
         Verdict::SURVIVED},
    };
    for (const Case& c : cases)
    {
        BOOST_TEST_CONTEXT(c.name)
        {
            ScenarioResult r;
            r.uplinkBytes = 1000;
            r.handovers = c.handovers;
            r.DecideVerdict(c.applicationFailed, c.transferFinished);
            BOOST_TEST(r.verdict == c.expected);
            BOOST_TEST(r.survived == (c.expected == Verdict::SURVIVED));
        }
    }
    ScenarioResult nothing;
    nothing.DecideVerdict(false, false);
    BOOST_TEST(nothing.verdict == Verdict::FAILED); // no byte delivered at all
}

BOOST_AUTO_TEST_SUITE_END()
