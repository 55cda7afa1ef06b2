/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef HANDOVER_SCENARIO_H
#define HANDOVER_SCENARIO_H

#include "scenario-parameters.h"
#include "scenario-result.h"

#include "ns3/command-line.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup mobisocket
 * \brief The WiFi handover scenario of the paper's Figure 1, as one
 *        reusable experiment: Parameters -> Run() -> Result.
 *
 * A correspondent host (CH) on a wired path reaches a router; the router
 * serves a corridor of 802.11 access points (two by default, apCount of
 * them), each on its own IPv4 subnet with its own DHCP server, and a SIP
 * proxy/registrar. The mobile host (MH) is a WiFi station that walks at
 * constant speed from the first AP's coverage to the last one's: at each
 * cell edge it leaves its AP (on beacon loss, or on signal strength with
 * roaming=signal), re-associates with the next (StaWifiMac), obtains a new
 * lease (ns-3's DhcpClient) and the chosen scheme (MobilityScheme: plain
 * TCP, MobiSocket with SIP, in-band or application signalling, TCP-R, the
 * redirect daemon) keeps -- or fails to keep -- the TCP connection that
 * carries the session's data. Optionally the CH sits in a second mobile
 * domain and moves too. With mobileHosts > 1 there are that many MH-CH
 * pairs, each with its own scheme object, data and timeline, sharing the
 * APs, the router and the proxy; the result combines them
 * (ScenarioResult::Combine) and keeps a row per pair.
 *
 * Examples, tests, sweeps and the Python bindings all call Run(); thin mains
 * map CommandLine flags onto Parameters with Parameters::AddToCommandLine().
 */
class HandoverScenario
{
  public:
    /// Every knob of the scenario, with its default (the scheme's first).
    struct Parameters : public SchemeParameters, public ParameterSet<Parameters>
    {
        /// Most access points per domain (their subnets and backhaul links are numbered).
        static constexpr uint32_t MAX_APS = 32;
        /// Most MH-CH pairs (their CHs' wired subnets are numbered).
        static constexpr uint32_t MAX_MOBILE_HOSTS = 32;

        // Traffic
        std::string traffic{"bulk"};     //!< bulk | stream | browsing
        std::string direction{"uplink"}; //!< uplink (MH to CH) | downlink | both
        uint64_t bulkBytes{0};           //!< bytes per bulk direction (0: until the end)
        double streamRateKbps{256};      //!< constant-rate stream (RFC 4145 media)
        uint32_t streamChunkBytes{640};  //!< stream write size
        uint32_t segmentBytes{1448};     //!< TCP segment size on IPv4 (IPv6: 20 less)
        // Browsing (many short connections)
        uint32_t connections{20};      //!< connections the MH opens
        double meanInterArrivalS{0.5}; //!< mean gap between openings (exponential)
        double meanLifetimeS{10};      //!< mean connection lifetime (Pareto)
        double lifetimeShape{1.5};     //!< Pareto shape of the lifetimes
        uint32_t pageBytes{20000};     //!< bytes each connection carries
        // Wired part
        double wiredRateMbps{100};     //!< CH - router link rate
        double wiredDelayMs{20};       //!< CH - router one-way delay
        double accessDelayMs{1};       //!< router - AP one-way delay
        uint32_t arpQueuePackets{3};   //!< ArpCache PendingQueueSize (ns-3: 3; Linux: 101)
        double proxyRttMs{10};         //!< round trip router - SIP proxy
        double wiredLossRate{0};       //!< packet loss on the CH's wired path, each direction
        double proxyLossRate{0};       //!< packet loss on the router - proxy link, each direction
        double signallingLossRate{0};  //!< loss of signalling messages only, on both links
        double signallingLossFromS{0}; //!< no signalling loss before (s)
        double wiredJitterMs{0};       //!< extra delay on the CH's wired path, uniform [0, this]
        double proxyJitterMs{0}; //!< extra delay on the router - proxy link, uniform [0, this]
        // Movement and WiFi
        uint32_t apCount{2};             //!< access points along the corridor
        double apSpacingM{100};          //!< distance between neighbouring APs
        double speedMps{15};             //!< MH speed along the AP line
        double startXm{10};              //!< MH start position (AP1 at 0)
        double moveStartS{0};            //!< when the walk starts (the CH's: chMoveSkewMs later)
        bool mhMoves{true};              //!< the MH walks from AP1 to AP2
        uint32_t mobileHosts{1};         //!< MHs, each with its own CH and connection(s)
        double hostGapM{0};              //!< MH i+1 starts this far behind MH i
        bool walkBack{false};            //!< after the last AP, walk back to startXm
        uint32_t apColumns{0};           //!< APs per row of the grid (0: one row, a corridor)
        std::string mobility{"walk"};    //!< walk | random-waypoint
        double pauseS{0};                //!< random-waypoint: pause at each waypoint
        uint32_t maxMissedBeacons{10};   //!< StaWifiMac MaxMissedBeacons
        bool activeProbing{false};       //!< StaWifiMac ActiveProbing
        double probeTimeoutMs{50};       //!< StaWifiMac ProbeRequestTimeout
        double waitBeaconTimeoutMs{120}; //!< StaWifiMac WaitBeaconTimeout
        double assocTimeoutMs{500};      //!< StaWifiMac AssocRequestTimeout
        double beaconIntervalUs{102400}; //!< ApWifiMac BeaconInterval
        // Rate control, and roaming (the station's link-layer handover)
        std::string rateControl{"ideal"};   //!< ideal | minstrel, every station and AP
        std::string roaming{"beacon-loss"}; //!< beacon-loss | signal
        std::string apChannels{"36,36"};    //!< channel plan, repeated along the APs
        std::string scanChannels;           //!< signal: channels scanned ("": the APs')
        double minChannelTimeMs{0};         //!< signal, active: wait for an answer (0: probe)
        double maxChannelTimeMs{0};         //!< signal: longest dwell per channel (0: station's)
        double roamThresholdDb{15};         //!< signal: leave below this average beacon SNR
        double roamHysteresisDb{3};         //!< signal: armed again at threshold + this
        uint32_t roamWindow{3};             //!< signal: beacons averaged
        // Address acquisition
        uint32_t ipVersion{4};                //!< 4 (DHCPv4) | 6 (SLAAC, RFC 4862)
        std::string dad{"on"};                //!< ipVersion=6: on | optimistic | off
        double dadTimeoutMs{1000};            //!< ipVersion=6: DAD's duration
        double rsDelayMaxMs{1000};            //!< ipVersion=6: first RS after U[0, this]
        std::string addressPreset{"android"}; //!< android | rfc | ns3 (DhcpClientPreset)
        double dhcpCollectMs{-1};             //!< overrides the preset's Collect if >= 0
        bool dnav4{false};                    //!< DNAv4 (RFC 4436) on returning to a subnet
        // Load on the access points (the MH's domain)
        std::string crossTraffic{"none"}; //!< none | udp | tcp, to a station at each AP
        double crossRateMbps{5};          //!< udp: rate per station
        std::string crossAps;             //!< AP numbers with a station ("": every AP)
        // Interface handover (CopyTcb to a second interface)
        std::string interfaceHandover{"none"}; //!< none | make-before-break | break-before-make
        std::string secondAccess{"lte"};       //!< lte (ns-3's LTE/EPC) | link (stand-in)
        uint32_t lteBandwidthRb{25};           //!< lte: resource blocks (5 MHz)
        double switchAtS{3};                   //!< when the MH switches (or its WiFi breaks)
        double overlapMs{500};     //!< make-before-break: WiFi kept this long after the switch
        double secondUpMs{200};    //!< link: up this long after the WiFi loss (break-before-make)
        double secondRateMbps{10}; //!< link: rate
        double secondDelayMs{25};  //!< link: one-way delay to the router
        // Second mobile domain
        bool chMoves{false};    //!< the CH is a moving WiFi station too
        double chMoveSkewMs{0}; //!< the CH starts moving this much later (negative: earlier)
        // Crypto cost and energy (MH)
        double cpuFrequencyMhz{800};   //!< CryptoAgent CpuFrequency
        uint64_t signCycles{368212};   //!< CryptoAgent SignCycles
        uint64_t verifyCycles{650102}; //!< CryptoAgent VerifyCycles
        double cpuBusyCurrentA{0.25};  //!< CPU current while signing/verifying
        double supplyVoltageV{3.7};    //!< battery voltage
        double initialEnergyJ{10000};  //!< battery energy
        // Run control and output
        double simTimeS{20};      //!< simulated time
        bool stopEarly{false};    //!< end once every handover resumed and settleS passed
        double settleS{5};        //!< stopEarly: time kept after the last resumption
        double appStartS{1};      //!< data starts
        double goodputBinMs{100}; //!< goodput time-series bin
        std::string outputDir;    //!< folder for the files ("" : none)
        bool pcap{false};         //!< write pcap files into outputDir
        uint32_t rngRun{1};       //!< ns-3 RngRun (parameter "RngRun")
        uint32_t rngSeed{1};      //!< ns-3 RngSeed (parameter "RngSeed")

        /**
         * \brief Check every value.
         * \return "" if all are valid, else a message naming the first bad parameter
         */
        std::string Validate() const;

        /// \return the TCP segment size of the run's address family (segmentBytes, 20
        ///         bytes less on IPv6)
        uint32_t SegmentSize() const;

        /// \return the channel of each AP of a domain: apChannels repeated (valid parameters)
        std::vector<uint8_t> ChannelOfEachAp() const;

        /// \return the channels the signal policy scans, in order: scanChannels, or else
        ///         the APs' channels without repeats (valid parameters)
        std::vector<uint8_t> ChannelsToScan() const;

        /**
         * \brief Check the roaming parameters.
         * \return "" if they are valid, else a message naming the first bad one
         */
        std::string ValidateRoaming() const;

        /**
         * \brief Check the address family's parameters (ipVersion and what
         *        applies to one family only).
         * \return "" if they are valid, else a message naming the first bad one
         */
        std::string ValidateAddressing() const;

        /**
         * \brief Check the second access's parameters (interface handover).
         * \return "" if they are valid, else a message naming the first bad one
         */
        std::string ValidateSecondAccess() const;

        /**
         * \brief The one list of parameters, their names and help texts.
         * \param p the parameters (const or not)
         * \param visit the visitor
         */
        template <class P, class V>
        static void VisitFields(P& p, V& visit);
    };

    /// The timeline of one handover of one host.
    using HandoverRecord = ns3::HandoverRecord;
    /// Count and size of one kind of signalling message.
    using MessageStats = ns3::MessageStats;
    /// What became of the MH's connections.
    using ConnectionStats = ns3::ConnectionStats;
    /// Cryptographic work of one node.
    using NodeCrypto = ns3::NodeCrypto;
    /// What a run returns (plain data).
    using Result = ScenarioResult;

    /**
     * \brief Run one scenario in this process.
     *
     * Attribute defaults in force (Config::SetDefault, `--ns3::...` on a
     * command line) apply; those the run sets from its parameters are put
     * back after it, and the simulator is destroyed, so it can be called
     * repeatedly. The parameters must pass Validate().
     * \param parameters the scenario
     * \return the measurements
     */
    static Result Run(const Parameters& parameters);
};

template <class P, class V>
void
HandoverScenario::Parameters::VisitFields(P& p, V& visit)
{
    SchemeParameters::VisitFields(p, visit);
    visit("traffic", "bulk | stream | browsing", p.traffic);
    visit("direction", "uplink (MH to CH) | downlink | both", p.direction);
    visit("bulkBytes", "Bytes per bulk direction (0: send until the end)", p.bulkBytes);
    visit("streamRateKbps", "Rate of the constant-rate stream (kb/s)", p.streamRateKbps);
    visit("streamChunkBytes", "Bytes per stream write", p.streamChunkBytes);
    visit("segmentBytes",
          "TCP segment size on IPv4 (bytes; 1448 fills a 1500-byte MTU with timestamps). "
          "IPv6's header is 20 bytes longer: its segments carry 20 bytes less, so that both "
          "families put packets of the same size on the wire",
          p.segmentBytes);
    visit("connections", "Browsing: connections the MH opens", p.connections);
    visit("meanInterArrivalS",
          "Browsing: mean gap between connection openings (s, exponential)",
          p.meanInterArrivalS);
    visit("meanLifetimeS", "Browsing: mean connection lifetime (s, Pareto)", p.meanLifetimeS);
    visit("lifetimeShape", "Browsing: Pareto shape of the lifetimes (> 1)", p.lifetimeShape);
    visit("pageBytes", "Browsing: bytes each connection carries (MH to CH)", p.pageBytes);
    visit("wiredRateMbps", "CH - router link rate (Mb/s)", p.wiredRateMbps);
    visit("wiredDelayMs", "CH - router one-way delay (ms)", p.wiredDelayMs);
    visit("accessDelayMs", "Router - AP one-way delay (ms)", p.accessDelayMs);
    visit("arpQueuePackets",
          "Packets held per neighbour while ARP resolves it (ns-3's ArpCache default 3 drops "
          "the burst of per-connection updates after a move; Linux's unres_qlen is 101)",
          p.arpQueuePackets);
    visit("proxyRttMs", "Round trip between the router and the SIP proxy (ms)", p.proxyRttMs);
    visit("wiredLossRate",
          "Probability that a packet is lost on the CH's wired path (CH - router, or the CH's "
          "AP backhauls with chMoves), in each direction",
          p.wiredLossRate);
    visit("proxyLossRate",
          "Probability that a packet is lost on the router - SIP proxy link, in each direction",
          p.proxyLossRate);
    visit("signallingLossRate",
          "Probability that a signalling message (SIP, AddChange/AddConfirm, TCP-R's and the "
          "daemon's messages; not DHCP, data or ACKs) is lost on the CH's wired path and on "
          "the proxy link, in each direction, at each link it crosses",
          p.signallingLossRate);
    visit("signallingLossFromS",
          "signallingLossRate applies from this time on (s): set it after the session's set-up "
          "to make only the handover's signalling lossy",
          p.signallingLossFromS);
    visit("wiredJitterMs",
          "Jitter on the CH's wired path (as wiredLossRate): each packet is delayed by an "
          "extra uniform [0, this] ms in each direction, never overtaking the one before (ms)",
          p.wiredJitterMs);
    visit("proxyJitterMs",
          "Jitter on the router - SIP proxy link, as wiredJitterMs (ms)",
          p.proxyJitterMs);
    visit("apCount",
          "Access points along the corridor, apSpacingM apart; the MH walks from the first "
          "to the last (2-32)",
          p.apCount);
    visit("apSpacingM", "Distance between neighbouring APs (m)", p.apSpacingM);
    visit("speedMps", "MH speed (m/s)", p.speedMps);
    visit("startXm", "MH start position; AP1 at 0, AP2 at apSpacingM, ... (m)", p.startXm);
    visit("moveStartS",
          "When the MH starts walking (the CH: chMoveSkewMs later) (s)",
          p.moveStartS);
    visit("mhMoves",
          "The MH walks from the first AP to the last (false: it stays, no WiFi handover)",
          p.mhMoves);
    visit("mobileHosts",
          "Mobile hosts (1-32), each with its own correspondent and data, sharing the APs, the "
          "router and the SIP proxy; they walk together (see hostGapM)",
          p.mobileHosts);
    visit("hostGapM",
          "Each further mobile host starts this far behind the one before it (m; 0: they hand "
          "over together)",
          p.hostGapM);
    visit("apColumns",
          "APs per row: AP i (from 0) at column i mod apColumns, row i div apColumns, "
          "apSpacingM apart (0: a single row, the corridor)",
          p.apColumns);
    visit("mobility",
          "walk (along the first row to its last AP) | random-waypoint (uniform "
          "destinations over the APs' area at speedMps, until the end)",
          p.mobility);
    visit("pauseS", "random-waypoint: pause at each destination (s)", p.pauseS);
    visit("walkBack",
          "The walkers come back from the last AP to startXm at the same speed (handovers "
          "back to subnets they left: DNAv4)",
          p.walkBack);
    visit("maxMissedBeacons", "Beacons missed before the STA leaves its AP", p.maxMissedBeacons);
    visit("activeProbing", "Probe for APs instead of waiting for beacons", p.activeProbing);
    visit("probeTimeoutMs", "Active scan duration (ms)", p.probeTimeoutMs);
    visit("waitBeaconTimeoutMs", "Passive scan duration (ms)", p.waitBeaconTimeoutMs);
    visit("assocTimeoutMs", "Association request retry interval (ms)", p.assocTimeoutMs);
    visit("beaconIntervalUs", "AP beacon interval (us)", p.beaconIntervalUs);
    visit("rateControl",
          "WiFi rate control of every station and AP: ideal (ns-3's IdealWifiManager: the "
          "highest rate the SNR of the last acknowledged frame allows, kept through failures) | "
          "minstrel (ns-3's MinstrelWifiManager, Linux mac80211's algorithm: retries at lower "
          "rates and samples)",
          p.rateControl);
    visit("roaming",
          "When the station leaves its AP: beacon-loss (MaxMissedBeacons, ns-3's own scan of its "
          "channel) | signal (average beacon SNR below roamThresholdDb, scan of scanChannels)",
          p.roaming);
    visit("apChannels",
          "Channel plan: AP i uses the (i mod n)-th of these n channels (802.11a, 20 MHz; "
          "at most apCount of them; beacon-loss: all equal)",
          p.apChannels);
    visit("scanChannels",
          "signal: channels scanned, in order (empty: apChannels without repeats)",
          p.scanChannels);
    visit("minChannelTimeMs",
          "signal, active probing: wait this long for a probe response (0: probeTimeoutMs) (ms)",
          p.minChannelTimeMs);
    visit("maxChannelTimeMs",
          "signal: longest time per channel (0: probeTimeoutMs, or waitBeaconTimeoutMs "
          "when passive) (ms)",
          p.maxChannelTimeMs);
    visit("roamThresholdDb", "signal: leave below this average beacon SNR (dB)", p.roamThresholdDb);
    visit("roamHysteresisDb",
          "signal: armed again once the average reaches threshold + this (dB)",
          p.roamHysteresisDb);
    visit("roamWindow", "signal: beacons averaged", p.roamWindow);
    visit("ipVersion",
          "4: each AP's subnet is IPv4, leased by DHCP (addressPreset) | 6: each AP's router "
          "advertises an IPv6 /64 (ns-3's Radvd); the station solicits on link up and "
          "configures its address by SLAAC with duplicate address detection (dad)",
          p.ipVersion);
    visit("dad",
          "ipVersion=6: on (the address is used once DAD passed, RFC 4862) | optimistic (used "
          "at once while DAD runs, RFC 4429) | off (no DAD)",
          p.dad);
    visit("dadTimeoutMs",
          "ipVersion=6: how long DAD takes, DupAddrDetectTransmits x RetransTimer (RFC 4862: "
          "1 x 1000 ms) (ms)",
          p.dadTimeoutMs);
    visit("rsDelayMaxMs",
          "ipVersion=6: the first Router Solicitation after link up waits uniform [0, this] "
          "(RFC 4861 MAX_RTR_SOLICITATION_DELAY: 1000 ms) (ms)",
          p.rsDelayMaxMs);
    visit("addressPreset",
          "DHCP client: android (AOSP's timers) | rfc (RFC 2131, 500 ms offer delay) | "
          "ns3 (ns-3's DhcpClient)",
          p.addressPreset);
    visit("dhcpCollectMs",
          "DHCP offer collection time, overrides the preset if >= 0 (ms)",
          p.dhcpCollectMs);
    visit("dnav4",
          "DNAv4 (RFC 4436): on link up, reuse a still-valid lease of a known subnet "
          "(android and rfc presets)",
          p.dnav4);
    visit("crossTraffic",
          "Cross traffic: none | udp (constant rate) | tcp (bulk), from a server behind the "
          "router to a static station next to each AP of the MH's domain",
          p.crossTraffic);
    visit("crossRateMbps", "Cross traffic udp: rate per station (Mb/s)", p.crossRateMbps);
    visit("crossAps",
          "Cross traffic: the APs with a station, comma-separated numbers (empty: every AP)",
          p.crossAps);
    visit("interfaceHandover",
          "CopyTcb to a second interface: none | make-before-break | break-before-make",
          p.interfaceHandover);
    visit("secondAccess",
          "Interface handover: the second access: lte (ns-3's LTE/EPC: cell selection, random "
          "access, RRC connection and default bearer when switched on) | link (a point-to-point "
          "link up secondUpMs after it is switched on: a stand-in)",
          p.secondAccess);
    visit("lteBandwidthRb",
          "secondAccess=lte: up- and downlink bandwidth in resource blocks (6, 15, 25, 50, 75, "
          "100)",
          p.lteBandwidthRb);
    visit("switchAtS",
          "Interface handover: the MH switches (make-before-break) or loses WiFi (s)",
          p.switchAtS);
    visit("overlapMs", "Make-before-break: WiFi kept after the switch (ms)", p.overlapMs);
    visit("secondUpMs",
          "secondAccess=link, break-before-make: the link is up this long after the WiFi loss "
          "is detected (ms)",
          p.secondUpMs);
    visit("secondRateMbps", "secondAccess=link: the link's rate (Mb/s)", p.secondRateMbps);
    visit("secondDelayMs",
          "secondAccess=link: the link's one-way delay to the router (ms)",
          p.secondDelayMs);
    visit("chMoves", "The CH is a WiFi station in a second domain and moves too", p.chMoves);
    visit("chMoveSkewMs",
          "The CH starts moving this much after the MH (ms; negative: before it)",
          p.chMoveSkewMs);
    visit("cpuFrequencyMhz", "CPU clock of the crypto cost model (MHz)", p.cpuFrequencyMhz);
    visit("signCycles", "CPU cycles per Ed25519 signature", p.signCycles);
    visit("verifyCycles", "CPU cycles per Ed25519 verification", p.verifyCycles);
    visit("cpuBusyCurrentA", "MH CPU current while doing cryptography (A)", p.cpuBusyCurrentA);
    visit("supplyVoltageV", "MH battery voltage (V)", p.supplyVoltageV);
    visit("initialEnergyJ", "MH battery energy (J)", p.initialEnergyJ);
    visit("simTimeS", "Simulated time (s)", p.simTimeS);
    visit("stopEarly",
          "End the run before simTimeS once every walk is over and the data has resumed after "
          "the last handover of each host, settleS ago (runs that do not resume go on)",
          p.stopEarly);
    visit("settleS", "stopEarly: time measured after the last resumption (s)", p.settleS);
    visit("appStartS", "When the data starts (s)", p.appStartS);
    visit("goodputBinMs", "Goodput time-series bin (ms)", p.goodputBinMs);
    visit("outputDir", "Folder for timeline/goodput/summary files (empty: none)", p.outputDir);
    visit("pcap", "Write pcap files into outputDir", p.pcap);
    visit("RngRun", "ns-3 run number (RngRun)", p.rngRun);
    visit("RngSeed", "ns-3 seed (RngSeed)", p.rngSeed);
}

} // namespace ns3

#endif /* HANDOVER_SCENARIO_H */
