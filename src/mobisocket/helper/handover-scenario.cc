/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "handover-scenario.h"

#include "browsing-client.h"
#include "cross-traffic.h"
#include "dhcp-client-preset.h"
#include "handover-result-writer.h"
#include "handover-timeline.h"
#include "integrity-application.h"
#include "mobi-socket-helper.h"
#include "mobility-scheme.h"
#include "scoped-attribute-defaults.h"
#include "second-access.h"
#include "signalling-error-model.h"

#include "ns3/abort.h"
#include "ns3/basic-energy-source.h"
#include "ns3/boolean.h"
#include "ns3/config.h"
#include "ns3/cpu-energy-model.h"
#include "ns3/crypto-agent.h"
#include "ns3/dhcp-helper.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/error-model.h"
#include "ns3/inet-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ip-address.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4.h"
#include "ns3/ipv6-address-helper.h"
#include "ns3/ipv6-static-routing-helper.h"
#include "ns3/ipv6.h"
#include "ns3/jitter-point-to-point-channel.h"
#include "ns3/log.h"
#include "ns3/mobile-slaac-client.h"
#include "ns3/mobility-helper.h"
#include "ns3/node-list.h"
#include "ns3/ns3-compat.h"
#include "ns3/ns3-version.h"
#include "ns3/packet-sink-helper.h"
#include "ns3/packet-sink.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/pointer.h"
#include "ns3/radvd-helper.h"
#include "ns3/radvd.h"
#include "ns3/random-variable-stream.h"
#include "ns3/relocatable-socket-factory.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/roaming-wifi-radio-energy-model.h"
#include "ns3/scanning-assoc-manager.h"
#include "ns3/signal-roaming-trigger.h"
#include "ns3/simulator.h"
#include "ns3/ssid.h"
#include "ns3/sta-wifi-mac.h"
#include "ns3/string.h"
#include "ns3/tcp-socket-list.h"
#include "ns3/uinteger.h"
#include "ns3/waypoint-mobility-model.h"
#include "ns3/wifi-compat.h"
#include "ns3/wifi-helper.h"
#include "ns3/wifi-mac-helper.h"
#include "ns3/wifi-net-device.h"
#include "ns3/yans-wifi-helper.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <memory>
#include <set>
#include <sstream>
#include <stdexcept>
#include <tuple>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MobiSocketHandoverScenario");

// ---------------------------------------------------------------------------------------------
// Parameters

std::string
HandoverScenario::Parameters::Validate() const
{
    using namespace scenario_parameters;
    std::string error = SchemeParameters::Validate();
    if (!error.empty())
    {
        return error;
    }
    if (!OneOf(traffic, {"bulk", "stream", "browsing"}))
    {
        return Bad("traffic", "must be bulk, stream or browsing", traffic);
    }
    if (!OneOf(interfaceHandover, {"none", "make-before-break", "break-before-make"}))
    {
        return Bad("interfaceHandover",
                   "must be none, make-before-break or break-before-make",
                   interfaceHandover);
    }
    if (!OneOf(direction, {"uplink", "downlink", "both"}))
    {
        return Bad("direction", "must be uplink, downlink or both", direction);
    }
    CrossTraffic::Kind crossKind;
    if (!CrossTraffic::Parse(crossTraffic, crossKind))
    {
        return Bad("crossTraffic", "must be none, udp or tcp", crossTraffic);
    }
    error = DhcpClientPreset::Validate(addressPreset, dnav4);
    if (!error.empty())
    {
        return error;
    }
    error = CheckRanges({
        {"streamRateKbps", streamRateKbps, 0, INF, true},
        {"streamChunkBytes", double(streamChunkBytes), 1, 65535, false},
        {"segmentBytes", double(segmentBytes), 64, 65495, false},
        {"connections", double(connections), 1, 100000, false},
        {"meanInterArrivalS", meanInterArrivalS, 0, 1e6, true},
        {"meanLifetimeS", meanLifetimeS, 0, 1e6, true},
        {"lifetimeShape", lifetimeShape, 1, 100, true},
        {"pageBytes", double(pageBytes), 1, 1e9, false},
        {"overlapMs", overlapMs, 0, 1e6, false},
        {"secondUpMs", secondUpMs, 0, 1e6, false},
        {"secondRateMbps", secondRateMbps, 0, INF, true},
        {"secondDelayMs", secondDelayMs, 0, 10000, false},
        {"wiredRateMbps", wiredRateMbps, 0, INF, true},
        {"wiredDelayMs", wiredDelayMs, 0, 10000, false},
        {"accessDelayMs", accessDelayMs, 0, 10000, false},
        {"arpQueuePackets", double(arpQueuePackets), 1, 100000, false},
        {"proxyRttMs", proxyRttMs, 0, 20000, false},
        {"apCount", double(apCount), 2, MAX_APS, false},
        {"apSpacingM", apSpacingM, 0, 10000, true},
        {"speedMps", speedMps, 0, 1000, true},
        {"crossRateMbps", crossRateMbps, 0, 1000, true},
        {"wiredLossRate", wiredLossRate, 0, 0.99, false},
        {"proxyLossRate", proxyLossRate, 0, 0.99, false},
        {"signallingLossRate", signallingLossRate, 0, 0.99, false},
        {"signallingLossFromS", signallingLossFromS, 0, simTimeS, false},
        {"wiredJitterMs", wiredJitterMs, 0, 10000, false},
        {"proxyJitterMs", proxyJitterMs, 0, 10000, false},
        {"apColumns", double(apColumns), 0, double(apCount), false},
        {"pauseS", pauseS, 0, 1e6, false},
        {"startXm", startXm, 0, apSpacingM, false},
        {"mobileHosts", double(mobileHosts), 1, MAX_MOBILE_HOSTS, false},
        {"hostGapM", hostGapM, 0, apSpacingM, false},
        {"moveStartS", moveStartS, 0, simTimeS, false},
        {"maxMissedBeacons", double(maxMissedBeacons), 1, 1000, false},
        {"probeTimeoutMs", probeTimeoutMs, 0, 60000, true},
        {"waitBeaconTimeoutMs", waitBeaconTimeoutMs, 0, 60000, true},
        {"assocTimeoutMs", assocTimeoutMs, 0, 60000, true},
        {"beaconIntervalUs", beaconIntervalUs, 1024, 65535 * 1024.0, false},
        {"cpuFrequencyMhz", cpuFrequencyMhz, 0, 100000, true},
        {"cpuBusyCurrentA", cpuBusyCurrentA, 0, 100, false},
        {"supplyVoltageV", supplyVoltageV, 0, 1000, true},
        {"initialEnergyJ", initialEnergyJ, 0, INF, true},
        {"simTimeS", simTimeS, 0, 1e6, true},
        {"appStartS", appStartS, 0, simTimeS, false},
        {"goodputBinMs", goodputBinMs, 0, simTimeS * 1000, true},
        {"settleS", settleS, 0, 1e6, false},
        {"RngRun", double(rngRun), 1, INF, false},
        {"RngSeed", double(rngSeed), 1, INF, false},
    });
    if (!error.empty())
    {
        return error;
    }
    if (signallingLossRate > 0 && (wiredLossRate > 0 || proxyLossRate > 0))
    {
        // One receive error model per device: the loss of every packet or of signalling.
        return Bad("signallingLossRate",
                   "cannot be combined with wiredLossRate or proxyLossRate",
                   ToText(signallingLossRate));
    }
    if (startXm >= apSpacingM)
    {
        return Bad("startXm", "must be smaller than apSpacingM", ToText(startXm));
    }
    if (std::fmod(beaconIntervalUs, 1024.0) != 0)
    {
        return Bad("beaconIntervalUs", "must be a multiple of 1024", ToText(beaconIntervalUs));
    }
    if (dhcpCollectMs < 0 && dhcpCollectMs != -1)
    {
        return Bad("dhcpCollectMs", "must be >= 0, or -1 for the preset", ToText(dhcpCollectMs));
    }
    if (!std::isfinite(chMoveSkewMs) || std::fabs(chMoveSkewMs) > simTimeS * 1000)
    {
        return Bad("chMoveSkewMs", "must be finite and within the run", ToText(chMoveSkewMs));
    }
    MobilityScheme::Requirements requirements;
    requirements.manyConnections = traffic == "browsing";
    requirements.interfaceHandover = interfaceHandover != "none";
    requirements.ipv6 = ipVersion == 6;
    error = ValidateAddressing();
    if (!error.empty())
    {
        return error;
    }
    error = MobilityScheme::Validate(*this, requirements);
    if (!error.empty())
    {
        return error;
    }
    if (mobileHosts > 1 && interfaceHandover != "none")
    {
        return Bad("interfaceHandover",
                   "moves one MH's connection: needs mobileHosts=1",
                   interfaceHandover);
    }
    if (interfaceHandover != "none")
    {
        if (mhMoves || chMoves)
        {
            return Bad("interfaceHandover",
                       "needs mhMoves=false and chMoves=false (one change at a time)",
                       interfaceHandover);
        }
        if (traffic == "browsing")
        {
            return Bad("interfaceHandover", "moves one connection: use bulk or stream", traffic);
        }
        if (!(switchAtS > appStartS && switchAtS < simTimeS))
        {
            return Bad("switchAtS",
                       "must be after appStartS and before simTimeS",
                       ToText(switchAtS));
        }
    }
    error = ValidateSecondAccess();
    if (!error.empty())
    {
        return error;
    }
    std::vector<uint32_t> crossApNumbers;
    error = CrossTraffic::ParseAps(crossAps, apCount, crossApNumbers);
    if (!error.empty())
    {
        return Bad("crossAps", error, crossAps);
    }
    const uint32_t columns = apColumns == 0 ? apCount : apColumns;
    if (chMoves && ((apCount + columns - 1) / columns) * apSpacingM >= 5000)
    {
        return Bad("apColumns",
                   "gives a grid taller than 5 km; with chMoves the CH's domain lies 10 km away",
                   ToText(apColumns));
    }
    if (!OneOf(mobility, {"walk", "random-waypoint"}))
    {
        return Bad("mobility", "must be walk or random-waypoint", mobility);
    }
    if (mobility == "random-waypoint" && walkBack)
    {
        return Bad("walkBack", "is a walk: use mobility=walk", "true");
    }
    if (mobility == "random-waypoint" && stopEarly)
    {
        return Bad("stopEarly", "needs a walk that ends: mobility=walk", "true");
    }
    if (walkBack && !(mhMoves || chMoves))
    {
        return Bad("walkBack", "needs a walk: mhMoves or chMoves", "true");
    }
    if (stopEarly && (interfaceHandover != "none" || !(mhMoves || chMoves)))
    {
        return Bad("stopEarly",
                   "needs a walk: mhMoves or chMoves, and interfaceHandover=none",
                   "true");
    }
    if (pcap && outputDir.empty())
    {
        return Bad("pcap", "needs outputDir", "true");
    }
    return ValidateRoaming();
}

namespace
{

/**
 * \brief Parse a list of 802.11a channels (20 MHz, 5 GHz band).
 * \param name the parameter's name, for the message
 * \param text the list, e.g. "36,44"
 * \param[out] channels the numbers
 * \return "" or the error naming the parameter
 */
std::string
ParseWifiChannels(const std::string& name, const std::string& text, std::vector<uint8_t>& channels)
{
    using namespace scenario_parameters;
    std::vector<long> numbers;
    std::string error = ParseNumberList(text, 1, 196, "a channel number", numbers);
    if (!error.empty())
    {
        return Bad(name, error, text);
    }
    channels.assign(numbers.begin(), numbers.end());
    for (uint8_t channel : channels)
    {
        bool unii = (channel >= 36 && channel <= 64) || (channel >= 100 && channel <= 144) ||
                    (channel >= 149 && channel <= 165);
        if (!unii || channel % 4 != (channel >= 149 ? 1 : 0))
        {
            return Bad(name,
                       "must list 20 MHz 802.11a channels (36-64, 100-144 by 4, 149-165 by 4)",
                       text);
        }
    }
    return "";
}

} // namespace

std::string
HandoverScenario::Parameters::ValidateRoaming() const
{
    using namespace scenario_parameters;
    if (!OneOf(roaming, {"beacon-loss", "signal"}))
    {
        return Bad("roaming", "must be beacon-loss or signal", roaming);
    }
    if (!OneOf(rateControl, {"ideal", "minstrel"}))
    {
        return Bad("rateControl", "must be ideal or minstrel", rateControl);
    }
    std::vector<uint8_t> aps;
    std::vector<uint8_t> scan;
    std::string error = ParseWifiChannels("apChannels", apChannels, aps);
    if (error.empty() && (aps.empty() || aps.size() > apCount))
    {
        error = Bad("apChannels", "must name 1 to apCount channels (the plan)", apChannels);
    }
    if (error.empty())
    {
        error = ParseWifiChannels("scanChannels", scanChannels, scan);
    }
    if (!error.empty())
    {
        return error;
    }
    error = CheckRanges({
        {"minChannelTimeMs", minChannelTimeMs, 0, 60000, false},
        {"maxChannelTimeMs", maxChannelTimeMs, 0, 60000, false},
        {"roamThresholdDb", roamThresholdDb, -20, 100, false},
        {"roamHysteresisDb", roamHysteresisDb, 0, 100, false},
        {"roamWindow", double(roamWindow), 1, 1000, false},
    });
    if (!error.empty())
    {
        return error;
    }
    if (roaming == "beacon-loss")
    {
        if (std::adjacent_find(aps.begin(), aps.end(), std::not_equal_to<>()) != aps.end())
        {
            return Bad("apChannels",
                       "beacon-loss: ns-3's station re-associates only on its own channel; "
                       "use equal channels or roaming=signal",
                       apChannels);
        }
        if (!scanChannels.empty())
        {
            return Bad("scanChannels", "needs roaming=signal", scanChannels);
        }
        return "";
    }
#if MOBISOCKET_NS3_VERSION < 336
    return Bad("roaming",
               "must be beacon-loss before ns-3.36 (signal needs WifiAssocManager)",
               roaming);
#else
    if (maxChannelTimeMs > 0 && minChannelTimeMs > maxChannelTimeMs)
    {
        return Bad("minChannelTimeMs",
                   "must not exceed maxChannelTimeMs",
                   ToText(minChannelTimeMs));
    }
    for (uint8_t channel : aps)
    {
        if (!scan.empty() && std::find(scan.begin(), scan.end(), channel) == scan.end())
        {
            return Bad("scanChannels", "must include every AP's channel", scanChannels);
        }
    }
    return "";
#endif
}

// ---------------------------------------------------------------------------------------------
// One run

std::vector<uint8_t>
HandoverScenario::Parameters::ChannelOfEachAp() const
{
    std::vector<uint8_t> plan;
    ParseWifiChannels("apChannels", apChannels, plan);
    std::vector<uint8_t> channels;
    for (uint32_t a = 0; a < apCount; ++a)
    {
        channels.push_back(plan[a % plan.size()]);
    }
    return channels;
}

std::vector<uint8_t>
HandoverScenario::Parameters::ChannelsToScan() const
{
    std::vector<uint8_t> scan;
    ParseWifiChannels("scanChannels", scanChannels, scan);
    if (!scan.empty())
    {
        return scan;
    }
    for (uint8_t channel : ChannelOfEachAp())
    {
        if (std::find(scan.begin(), scan.end(), channel) == scan.end())
        {
            scan.push_back(channel);
        }
    }
    return scan;
}

uint32_t
HandoverScenario::Parameters::SegmentSize() const
{
    // ns-3's TCP ignores ICMPv6 Packet Too Big: a segment that does not fit
    // the 1500-byte wired MTU is fragmented by the sender from then on.
    constexpr uint32_t IPV6_HEADER_GROWTH = 40 - 20;
    return ipVersion == 6 ? segmentBytes - IPV6_HEADER_GROWTH : segmentBytes;
}

std::string
HandoverScenario::Parameters::ValidateAddressing() const
{
    using namespace scenario_parameters;
    const Parameters defaults;
    if (ipVersion != 4 && ipVersion != 6)
    {
        return Bad("ipVersion", "must be 4 or 6", ToText(ipVersion));
    }
    if (!OneOf(dad, {"on", "optimistic", "off"}))
    {
        return Bad("dad", "must be on, optimistic or off", dad);
    }
    std::string error = CheckRanges({
        {"dadTimeoutMs", dadTimeoutMs, 0, 60000, true},
        {"rsDelayMaxMs", rsDelayMaxMs, 0, 60000, false},
    });
    if (!error.empty())
    {
        return error;
    }
    if (ipVersion == 4)
    {
        for (const auto& [name, changed, value] : {std::tuple{"dad", dad != defaults.dad, dad},
                                                   std::tuple{"dadTimeoutMs",
                                                              dadTimeoutMs != defaults.dadTimeoutMs,
                                                              ToText(dadTimeoutMs)},
                                                   std::tuple{"rsDelayMaxMs",
                                                              rsDelayMaxMs != defaults.rsDelayMaxMs,
                                                              ToText(rsDelayMaxMs)}})
        {
            if (changed)
            {
                return Bad(name, "applies to ipVersion=6 only (SLAAC)", value);
            }
        }
        return "";
    }
    for (const auto& [name, changed, value] :
         {std::tuple{"addressPreset", addressPreset != defaults.addressPreset, addressPreset},
          std::tuple{"dhcpCollectMs",
                     dhcpCollectMs != defaults.dhcpCollectMs,
                     ToText(dhcpCollectMs)},
          std::tuple{"dnav4", dnav4 != defaults.dnav4, ToText(dnav4)}})
    {
        if (changed)
        {
            return Bad(name, "applies to ipVersion=4 only (DHCP)", value);
        }
    }
    if (crossTraffic != "none")
    {
        return Bad("crossTraffic", "loads IPv4 stations: needs ipVersion=4", crossTraffic);
    }
    // ns-3's IdealWifiManager keeps the SNR of the last acknowledged frame
    // and ignores failures: the first frame after DAD's silent second, to or
    // from a station that walked away meanwhile, fails at every retry.
    for (const auto& [name, needed, value] :
         {std::tuple{"mobileHosts", mobileHosts > 1, ToText(mobileHosts)},
          std::tuple{"chMoves", chMoves, std::string("true")}})
    {
        if (needed && rateControl == "ideal")
        {
            return Bad(name,
                       "needs rateControl=minstrel with ipVersion=6: ns-3's IdealWifiManager "
                       "keeps a stale rate and drops a connection's first frames",
                       value);
        }
    }
    // Three stations: on ns-3.48 the AP sent Neighbor Solicitations for two of
    // the three SYN-ACKs it held, never for the third (2 of 4 seeds).
    if (mobileHosts > 2)
    {
        return Bad("mobileHosts",
                   "must be at most 2 with ipVersion=6: with three stations at one AP one "
                   "connection never opened on ns-3.48 (the AP sent no Neighbor Solicitation "
                   "for its SYN-ACK)",
                   ToText(mobileHosts));
    }
    if (interfaceHandover != "none")
    {
        return Bad("interfaceHandover",
                   "the second access is IPv4 (LTE/EPC): needs ipVersion=4",
                   interfaceHandover);
    }
    return "";
}

std::string
HandoverScenario::Parameters::ValidateSecondAccess() const
{
    using namespace scenario_parameters;
    if (!SecondAccess::IsKnown(secondAccess))
    {
        return Bad("secondAccess", "must be lte or link", secondAccess);
    }
    const Parameters defaults;
    const bool link = secondAccess == "link";
    if (!OneOf(std::to_string(lteBandwidthRb), {"6", "15", "25", "50", "75", "100"}))
    {
        return Bad("lteBandwidthRb",
                   "must be 6, 15, 25, 50, 75 or 100 resource blocks",
                   ToText(lteBandwidthRb));
    }
    if (link && lteBandwidthRb != defaults.lteBandwidthRb)
    {
        return Bad("lteBandwidthRb", "applies to secondAccess=lte only", ToText(lteBandwidthRb));
    }
    for (const auto& [name, value, fallback] :
         {std::tuple{"secondUpMs", secondUpMs, defaults.secondUpMs},
          std::tuple{"secondRateMbps", secondRateMbps, defaults.secondRateMbps},
          std::tuple{"secondDelayMs", secondDelayMs, defaults.secondDelayMs}})
    {
        if (!link && value != fallback)
        {
            return Bad(name,
                       "applies to secondAccess=link only (LTE has its own attach and links)",
                       ToText(value));
        }
    }
    return "";
}

namespace
{

/// Port of the session's TCP connection (the CH listens).
constexpr uint16_t MEDIA_PORT = 5001;
/// Port of the browsing server (the CH).
constexpr uint16_t WEB_PORT = 8080;
/// First random stream of the applications created when the data starts.
constexpr int64_t APPLICATION_STREAMS = 3000000;
/// First random stream of the random-waypoint walks (one per host).
constexpr int64_t WAYPOINT_STREAMS = 3200000;
/// First random stream of the second access (LTE).
constexpr int64_t SECOND_ACCESS_STREAMS = 3300000;
/// Interface handover: the MH leaves WiFi coverage by this leap sideways (m);
/// the LTE eNB stands half-way.
constexpr double INTERFACE_LEAP_M = 1000;

/// What the data does (the traffic parameter, read once).
enum class Workload
{
    BULK,
    STREAM,
    BROWSING
};

/// How the MH changes interface (the interfaceHandover parameter, read once).
enum class InterfaceChange
{
    NONE,
    MAKE_BEFORE_BREAK,
    BREAK_BEFORE_MAKE
};

/// A point-to-point link between the router and a node.
using Link = RouterLink;

/// The length of every IPv6 prefix of the scenario (SLAAC needs 64).
constexpr uint8_t IPV6_PREFIX_LENGTH = 64;
/// A prefix lifetime of "infinity" (RFC 4861 4.6.2: all ones).
constexpr uint32_t INFINITE_LIFETIME = 0xffffffff;

/**
 * \brief The IPv6 /64 of a subnet of the scenario, named after its IPv4 /24:
 *        10.a.b.0 is fd00:a:b::/64 (unique local, RFC 4193), so that a trace
 *        reads the same in either family. (Not 2001:db8::/32: ns-3's routers
 *        drop the documentation prefix.)
 * \param subnet an IPv4 subnet "10.a.b.0"
 * \return its IPv6 network
 */
Ipv6Address
Ipv6Network(const std::string& subnet)
{
    unsigned a = 0;
    unsigned b = 0;
    int read = std::sscanf(subnet.c_str(), "10.%u.%u.0", &a, &b);
    NS_ABORT_MSG_IF(read != 2 || a > 255 || b > 255, "not a scenario subnet: " << subnet);
    return Ipv6Address(("fd00:" + std::to_string(a) + ":" + std::to_string(b) + "::").c_str());
}

/// What a link adds to its fixed delay, in each direction.
struct Impairment
{
    double lossRate{0};           //!< probability that a packet is lost
    double jitterMs{0};           //!< extra delay, uniform in [0, jitterMs], order kept
    double signallingLossRate{0}; //!< probability that a signalling message is lost
};

/// One mobile host, its correspondent and what runs between them: a run has
/// mobileHosts of them, which share the access points, the router and the proxy.
struct HostPair
{
    /**
     * \param index the pair's index (from 0)
     * \param p the run's parameters
     */
    HostPair(uint32_t index, const HandoverScenario::Parameters& p)
        : index(index),
          scheme(MobilityScheme::Create(p)),
          timeline(MilliSeconds(p.goodputBinMs))
    {
    }

    /**
     * \param host a host
     * \return its node
     */
    Ptr<Node> NodeOf(Host host) const
    {
        return hosts[IndexOf(host)];
    }

    const uint32_t index;                        //!< from 0 (its hosts are mh, mh2, ...)
    Ptr<MobilityScheme> scheme;                  //!< keeps (or not) its connections
    HandoverTimeline timeline;                   //!< its measurements
    std::array<Ptr<Node>, 2> hosts;              //!< MH, CH
    IpAddress chWiredAddress;                    //!< CH address when it does not move
    std::array<Ptr<Application>, 2> dhcp;        //!< DHCP client per moving host (IPv4)
    std::array<Ptr<MobileSlaacClient>, 2> slaac; //!< SLAAC client per moving host (IPv6)
    std::array<Ptr<WifiNetDevice>, 2> stations;  //!< WiFi station per moving host
    std::array<uint32_t, 2> leases{};            //!< leases obtained per host
    std::array<IpAddress, 2> leased;             //!< the last address obtained per host
    Ptr<MobiSocket> mhSocket;                    //!< the MH's end of the data (interface handover)
    Ptr<IntegrityApplication> mhApp;             //!< MH end of the data
    Ptr<IntegrityApplication> chApp;             //!< CH end of the data
    bool mhConnected{false};                     //!< the MH's data connection opened
    Ptr<BrowsingClient> browser;                 //!< browsing workload (MH)
    Ptr<PacketSink> webServer;                   //!< browsing server (CH)
    std::set<Ptr<Socket>> serverSockets;         //!< browsing: the CH's sockets seen so far
    Ptr<CpuEnergyModel> cpuEnergy;               //!< MH crypto energy
    bool dataStarted{false};                     //!< StartData ran
};

/// Builds one scenario and holds its objects for the duration of the run.
class ScenarioRun
{
  public:
    /// \param p the validated parameters
    explicit ScenarioRun(const HandoverScenario::Parameters& p);

    /// Build everything and schedule the events.
    void Build();

    /**
     * \brief Fill in the measurements after the run.
     * \param result the result
     */
    void Collect(HandoverScenario::Result& result);

  private:
    /**
     * \brief Build a WiFi domain: its access points and a station per pair.
     * \param host the moving host whose domain it is (each pair's)
     * \param y where the domain lies
     * \param moveStart when the stations start moving
     */
    void BuildDomain(Host host, double y, Time moveStart);

    /**
     * \brief Build a pair's station in a domain.
     * \param pair the pair
     * \param host its moving host
     * \param y where the domain lies
     * \param moveStart when the station starts moving
     * \param wifi the WiFi helper (standard)
     * \param ssid the domain's SSID
     */
    void BuildStation(HostPair& pair,
                      Host host,
                      double y,
                      Time moveStart,
                      WifiHelper& wifi,
                      const Ssid& ssid);

    /**
     * \brief Build a domain's access points along its corridor, each with
     *        its subnet, DHCP server and backhaul link to the router.
     * \param host the moving host whose domain it is
     * \param y where the domain lies
     * \param wifi the WiFi helper (standard)
     * \param ssid the domain's SSID
     * \param channels each AP's channel
     */
    void BuildAccessPoints(Host host,
                           double y,
                           WifiHelper& wifi,
                           const Ssid& ssid,
                           const std::vector<uint8_t>& channels);

    /// \return APs per row of the grid
    uint32_t Columns() const;

    /**
     * \param a an AP's index (from 0)
     * \param y where the domain lies
     * \return where the AP stands
     */
    Vector ApPosition(uint32_t a, double y) const;

    /**
     * \param pair a pair
     * \return where its hosts start along the walk: hostGapM behind the pair before
     */
    double StartX(const HostPair& pair) const;

    /**
     * \brief A random-waypoint walk over the APs' area, until the end.
     * \param pair the walker's pair
     * \param host the walker
     * \param path its waypoint model
     * \param y where its domain lies
     * \param start when it starts from (StartX, y)
     */
    void InstallRandomWaypoint(const HostPair& pair,
                               Host host,
                               Ptr<WaypointMobilityModel> path,
                               double y,
                               Time start);

    /// The server of the cross traffic, if any, wired to the router.
    void BuildCrossTrafficServer();

    /**
     * \brief A host's path: along the corridor at speedMps from moveStart,
     *        or (interface handover) out of WiFi coverage at once.
     * \param pair its pair
     * \param host the host
     * \param y where its domain lies
     * \param moveStart when it starts walking
     */
    void InstallWalk(const HostPair& pair, Host host, double y, Time moveStart);

    /**
     * \brief Install a host's DHCP client on its WiFi device (ipVersion=4).
     * \param pair its pair
     * \param host the host
     * \param device its station device
     */
    void InstallDhcpClient(HostPair& pair, Host host, Ptr<NetDevice> device);

    /**
     * \brief Install a host's SLAAC client on its WiFi device (ipVersion=6).
     * \param pair its pair
     * \param host the host
     * \param device its station device
     */
    void InstallSlaacClient(HostPair& pair, Host host, Ptr<NetDevice> device);

    /**
     * \brief Give an access point's WiFi interface its IPv4 subnet and DHCP
     *        server, or its IPv6 /64 and router advertisements.
     * \param ap the access point
     * \param apDevice its WiFi device
     * \param subnet its IPv4 subnet ("10.d.a.0"; IPv6: the /64 named after it)
     * \param backhaul its link to the router
     */
    void ServeSubnet(Ptr<Node> ap,
                     Ptr<NetDevice> apDevice,
                     const std::string& subnet,
                     const Link& backhaul);

    /**
     * \brief Route a node's traffic to the router (its default route).
     * \param node the node
     * \param link its link to the router
     */
    void RouteToRouter(Ptr<Node> node, const Link& link);

    /**
     * \brief Roaming on signal strength for a station (roaming=signal): a
     *        ScanningAssocManager over scanChannels and a SignalRoamingTrigger.
     * \param pair the station's pair
     * \param host the station's host
     * \param mac the station
     */
    void InstallSignalRoaming(HostPair& pair, Host host, Ptr<StaWifiMac> mac);

    /**
     * \brief Connect a node to the router with a point-to-point link.
     * \param node the node
     * \param rate link rate
     * \param delay one-way delay
     * \param subnet the link's /24
     * \param impairment loss and jitter, in each direction
     * \return the link's addresses and interfaces
     */
    Link Wire(Ptr<Node> node,
              DataRate rate,
              Time delay,
              const std::string& subnet,
              Impairment impairment = {});

    /**
     * \brief Wire a pair's CH to the router (when it does not move).
     * \param pair the pair
     */
    void WireCorrespondent(HostPair& pair);

    /**
     * \brief Install a pair's scheme, crypto agents and MH battery, and watch its signalling.
     * \param pair the pair
     * \param proxy the proxy's link
     * \param services the rendezvous servers the pairs' schemes share
     */
    void InstallScheme(HostPair& pair,
                       const Link& proxy,
                       const std::shared_ptr<SchemeServices>& services);

    /**
     * \brief Install a pair's crypto agents and its MH's battery with its CPU energy model.
     * \param pair the pair
     */
    void InstallCrypto(HostPair& pair);

    /// stopEarly: end the run once the data resumed after the last handover, settleS ago.
    void StopWhenSettled();

    /// Fix the random stream of every random variable of the run.
    void AssignStreams();

    /**
     * \brief Start a pair's bulk or stream session (IntegrityApplication at both ends).
     * \param pair the pair
     */
    void StartStream(HostPair& pair);

    /**
     * \brief Start a pair's browsing workload (BrowsingClient on the MH, PacketSink on the CH).
     * \param pair the pair
     */
    void StartBrowsing(HostPair& pair);

    /// Interface handover: add the MH's second access and schedule the switch.
    void BuildSecondInterface();

    /// Interface handover: move the data connection to the second interface (CopyTcb).
    void SwitchInterface();

    /**
     * \brief A host left its access point (its address is gone).
     * \param pair its pair
     * \param host the host
     */
    void LinkLost(HostPair& pair, Host host);

    /**
     * \brief A host has a new address it can use (a DHCP lease; SLAAC: usable).
     * \param pair its pair
     * \param host the host
     * \param address the address
     */
    void LeaseObtained(HostPair& pair, Host host, const IpAddress& address);

    /**
     * \brief Start a pair's data (once, at appStartS at the earliest).
     * \param pair the pair
     */
    void StartData(HostPair& pair);

    /**
     * \brief A side of a pair's data connection is up.
     * \param pair the pair
     * \param host its host
     * \param socket its socket
     */
    void Connected(HostPair& pair, Host host, Ptr<Socket> socket);

    /**
     * \param pair a pair
     * \param host one of its hosts
     * \return the host's current address
     */
    IpAddress CurrentAddress(const HostPair& pair, Host host) const;

    /// \return the wildcard address of the run's family (0.0.0.0 or ::)
    IpAddress AnyAddress() const;

    /**
     * \brief A pair's measurements: its timeline's, its applications' and its scheme's.
     * \param pair the pair
     * \param end the end of the run
     * \return them
     */
    HandoverScenario::Result CollectPair(const HostPair& pair, Time end) const;

    /**
     * \param pair a pair
     * \param result its result, with the data's bytes and failures
     */
    void CollectStream(const HostPair& pair, HandoverScenario::Result& result) const;

    /**
     * \param pair a pair
     * \param result its result, with the browsing connections' fates
     */
    void CollectBrowsing(const HostPair& pair, HandoverScenario::Result& result) const;

    /// \return the first pair (the only one with an interface handover)
    HostPair& First() const;

    const HandoverScenario::Parameters& m_p; //!< parameters
    ScopedAttributeDefaults m_defaults;      //!< what the run sets; destroyed last of its objects
    Workload m_workload;                     //!< the traffic parameter
    bool m_uplink;                           //!< the MH sends (direction uplink or both)
    bool m_downlink;                         //!< the CH sends (direction downlink or both)
    InterfaceChange m_interfaceChange;       //!< the interfaceHandover parameter
    std::vector<std::unique_ptr<HostPair>> m_pairs; //!< mobileHosts of them
    Ptr<Node> m_router;                             //!< access router
    Ptr<Node> m_proxy;                              //!< SIP proxy/registrar
    const bool m_ipv6;                              //!< ipVersion=6
    uint32_t m_nextWire{1};                         //!< next point-to-point subnet
    std::unique_ptr<CrossTraffic> m_cross;          //!< load on the MH's APs (null: none)
    std::vector<Ptr<RateErrorModel>> m_lossModels;  //!< wiredLossRate, proxyLossRate
    std::vector<Ptr<SignallingErrorModel>> m_signallingLossModels; //!< signallingLossRate
    std::vector<Ptr<JitterPointToPointChannel>> m_jitterChannels;  //!< wired/proxyJitterMs
    std::unique_ptr<SecondAccess> m_second; //!< MH's second access (interface handover)
    NodeContainer m_secondNodes;            //!< the nodes it created (LTE: eNB, EPC)
    bool m_secondPending{false};            //!< break-before-make: waiting for it
    Time m_walkEnd{Seconds(-1)};            //!< the last walk's end (negative: no walk)
    NetDeviceContainer m_wifiDevices;       //!< every WiFi device
    std::vector<std::shared_ptr<void>> m_disassociationGuards; //!< ns-3.37: GuardDisassociation
    YansWifiPhyHelper m_phy;                                   //!< shared PHY helper (pcap)
    std::vector<Ptr<Radvd>> m_radvds; //!< ipVersion=6: each AP's router advertisements
};

ScenarioRun::ScenarioRun(const HandoverScenario::Parameters& p)
    : m_p(p),
      m_workload(p.traffic == "browsing" ? Workload::BROWSING
                 : p.traffic == "stream" ? Workload::STREAM
                                         : Workload::BULK),
      m_uplink(p.direction != "downlink"),
      m_downlink(p.direction != "uplink"),
      m_interfaceChange(
          p.interfaceHandover == "make-before-break"   ? InterfaceChange::MAKE_BEFORE_BREAK
          : p.interfaceHandover == "break-before-make" ? InterfaceChange::BREAK_BEFORE_MAKE
                                                       : InterfaceChange::NONE),
      m_ipv6(p.ipVersion == 6)
{
    for (uint32_t index = 0; index < p.mobileHosts; ++index)
    {
        m_pairs.push_back(std::make_unique<HostPair>(index, p));
    }
}

HostPair&
ScenarioRun::First() const
{
    return *m_pairs.front();
}

Link
ScenarioRun::Wire(Ptr<Node> node,
                  DataRate rate,
                  Time delay,
                  const std::string& subnet,
                  Impairment impairment)
{
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", DataRateValue(rate));
    p2p.SetChannelAttribute("Delay", TimeValue(delay));
    NetDeviceContainer devices;
    if (impairment.jitterMs > 0)
    {
        Ptr<UniformRandomVariable> jitter = CreateObject<UniformRandomVariable>();
        jitter->SetAttribute("Max", DoubleValue(impairment.jitterMs / 1000));
        devices = JitterPointToPointChannel::Connect(m_router, node, rate, delay, jitter);
        m_jitterChannels.push_back(
            DynamicCast<JitterPointToPointChannel>(devices.Get(0)->GetChannel()));
    }
    else
    {
        devices = p2p.Install(m_router, node);
    }
    for (uint32_t end = 0; impairment.lossRate > 0 && end < devices.GetN(); ++end)
    {
        Ptr<RateErrorModel> loss = CreateObject<RateErrorModel>();
        loss->SetUnit(RateErrorModel::ERROR_UNIT_PACKET);
        loss->SetRate(impairment.lossRate);
        devices.Get(end)->SetAttribute("ReceiveErrorModel", PointerValue(loss));
        m_lossModels.push_back(loss);
    }
    for (uint32_t end = 0; impairment.signallingLossRate > 0 && end < devices.GetN(); ++end)
    {
        Ptr<SignallingErrorModel> loss = CreateObject<SignallingErrorModel>();
        loss->SetAttribute("Rate", DoubleValue(impairment.signallingLossRate));
        loss->SetAttribute("Start", TimeValue(Seconds(m_p.signallingLossFromS)));
        devices.Get(end)->SetAttribute("ReceiveErrorModel", PointerValue(loss));
        m_signallingLossModels.push_back(loss);
    }
    Ipv4AddressHelper addresses(subnet.c_str(), "255.255.255.0");
    Ipv4InterfaceContainer interfaces = addresses.Assign(devices);
    if (m_p.pcap)
    {
        p2p.EnablePcap(m_p.outputDir + "/p2p", devices.Get(1), true);
    }
    Link link{interfaces.GetAddress(0),
              interfaces.GetAddress(1),
              interfaces.Get(0).second,
              interfaces.Get(1).second};
    if (m_ipv6)
    {
        Ipv6AddressHelper addresses6;
        addresses6.SetBase(Ipv6Network(subnet), Ipv6Prefix(IPV6_PREFIX_LENGTH));
        Ipv6InterfaceContainer interfaces6 = addresses6.Assign(devices);
        link.routerAddress6 = interfaces6.GetAddress(0, 1); // 0: link-local
        link.nodeAddress6 = interfaces6.GetAddress(1, 1);
        link.routerInterface6 = interfaces6.GetInterfaceIndex(0);
        link.nodeInterface6 = interfaces6.GetInterfaceIndex(1);
    }
    return link;
}

void
ScenarioRun::RouteToRouter(Ptr<Node> node, const Link& link)
{
    Ipv4StaticRoutingHelper()
        .GetStaticRouting(node->GetObject<Ipv4>())
        ->SetDefaultRoute(link.routerAddress, link.nodeInterface);
    if (m_ipv6)
    {
        Ipv6StaticRoutingHelper()
            .GetStaticRouting(node->GetObject<Ipv6>())
            ->SetDefaultRoute(link.routerAddress6, link.nodeInterface6);
    }
}

void
ScenarioRun::BuildCrossTrafficServer()
{
    CrossTraffic::Kind kind;
    CrossTraffic::Parse(m_p.crossTraffic, kind);
    if (kind == CrossTraffic::NONE)
    {
        return;
    }
    std::vector<uint32_t> aps;
    CrossTraffic::ParseAps(m_p.crossAps, m_p.apCount, aps);
    m_cross = std::make_unique<CrossTraffic>(kind,
                                             aps,
                                             DataRate(uint64_t(m_p.crossRateMbps * 1e6)),
                                             Seconds(m_p.appStartS));
    Ptr<Node> server = CreateObject<Node>();
    InternetStackHelper().Install(server);
    RouteToRouter(server, Wire(server, DataRate("1Gbps"), MilliSeconds(1), "10.0.99.0"));
    m_cross->SetServer(server);
}

void
ScenarioRun::Build()
{
    m_defaults.Set("ns3::TcpSocket::SegmentSize", UintegerValue(m_p.SegmentSize()));
    m_p.ApplyDefaults(m_defaults);
    m_defaults.Set("ns3::ArpCache::PendingQueueSize", UintegerValue(m_p.arpQueuePackets));
    m_defaults.Set("ns3::CryptoAgent::CpuFrequency", DoubleValue(m_p.cpuFrequencyMhz * 1e6));
    m_defaults.Set("ns3::CryptoAgent::SignCycles", UintegerValue(m_p.signCycles));
    m_defaults.Set("ns3::CryptoAgent::VerifyCycles", UintegerValue(m_p.verifyCycles));
    // Leases outlive any run: renewals would add DHCP traffic unrelated to handovers.
    m_defaults.Set("ns3::DhcpServer::LeaseTime", TimeValue(Seconds(3600)));
    m_defaults.Set("ns3::DhcpServer::RenewTime", TimeValue(Seconds(1800)));
    m_defaults.Set("ns3::DhcpServer::RebindTime", TimeValue(Seconds(3000)));

    // Nodes in the order of a one-pair run (MH, CH, router, proxy), then the other pairs'.
    NodeContainer nodes;
    for (const auto& pair : m_pairs)
    {
        for (Host host : HOSTS)
        {
            pair->hosts[IndexOf(host)] = CreateObject<Node>();
            nodes.Add(pair->NodeOf(host));
        }
        if (pair->index == 0)
        {
            m_router = CreateObject<Node>();
            m_proxy = CreateObject<Node>();
            nodes.Add(m_router);
            nodes.Add(m_proxy);
        }
    }
    InternetStackHelper().Install(nodes);
    if (m_ipv6)
    {
        // IPv4 forwards on every node by default, IPv6 on none: the router must.
        m_router->GetObject<Ipv6>()->SetAttribute("IpForward", BooleanValue(true));
    }
    for (const auto& pair : m_pairs)
    {
        for (Host host : HOSTS)
        {
            pair->NodeOf(host)->GetObject<Ipv4>()->SetAttribute("IpForward", BooleanValue(false));
        }
    }

    Link proxy = Wire(m_proxy,
                      DataRate("100Mbps"),
                      MilliSeconds(m_p.proxyRttMs / 2),
                      "10.0.100.0",
                      {m_p.proxyLossRate, m_p.proxyJitterMs, m_p.signallingLossRate});
    RouteToRouter(m_proxy, proxy);
    for (const auto& pair : m_pairs)
    {
        WireCorrespondent(*pair);
    }

    BuildCrossTrafficServer();
    m_phy = YansWifiPhyHelper();
    m_phy.SetChannel(YansWifiChannelHelper::Default().Create());
    // The walks start at moveStartS; a negative skew makes the CH go first.
    Time skew = m_p.chMoves ? MilliSeconds(m_p.chMoveSkewMs) : Seconds(0);
    BuildDomain(Host::MH, 0, Seconds(m_p.moveStartS) + Max(Seconds(0) - skew, Seconds(0)));
    if (m_interfaceChange != InterfaceChange::NONE)
    {
        BuildSecondInterface();
    }
    if (m_p.chMoves)
    {
        BuildDomain(Host::CH, 10000, Seconds(m_p.moveStartS) + Max(skew, Seconds(0)));
    }

    auto services = std::make_shared<SchemeServices>();
    for (const auto& pair : m_pairs)
    {
        InstallScheme(*pair, proxy, services);
    }
    AssignStreams();
    if (m_p.stopEarly)
    {
        Simulator::Schedule(m_walkEnd, &ScenarioRun::StopWhenSettled, this);
    }
}

void
ScenarioRun::WireCorrespondent(HostPair& pair)
{
    if (m_p.chMoves)
    {
        return; // a station of the CH's domain
    }
    Ptr<Node> ch = pair.NodeOf(Host::CH);
    Link link = Wire(ch,
                     DataRate(uint64_t(m_p.wiredRateMbps * 1e6)),
                     MilliSeconds(m_p.wiredDelayMs),
                     "10.0." + std::to_string(200 + pair.index) + ".0",
                     {m_p.wiredLossRate, m_p.wiredJitterMs, m_p.signallingLossRate});
    pair.chWiredAddress = m_ipv6 ? IpAddress(link.nodeAddress6) : IpAddress(link.nodeAddress);
    RouteToRouter(ch, link);
    pair.leases[IndexOf(Host::CH)] = 1; // wired: it has its address from the start
    ScheduleLambda(Seconds(0),
                   [&pair]() { pair.scheme->AddressAssigned(Host::CH, pair.chWiredAddress); });
}

void
ScenarioRun::InstallScheme(HostPair& pair,
                           const Link& proxy,
                           const std::shared_ptr<SchemeServices>& services)
{
    SchemeEnvironment environment;
    environment.hosts = pair.hosts;
    environment.pairIndex = pair.index;
    environment.services = services;
    environment.proxy = m_proxy;
    environment.proxyAddress = proxy.nodeAddress;
    environment.proxyAddress6 = proxy.nodeAddress6;
    environment.timeline = &pair.timeline;
    HostPair* started = &pair;
    environment.startData = MakeLambdaCallback<void>([this, started]() { StartData(*started); });
    pair.scheme->Install(environment);
    InstallCrypto(pair);
    for (Host host : HOSTS)
    {
        pair.timeline.WatchSignalling(pair.NodeOf(host), HostName(host));
    }
    if (pair.index == 0)
    {
        pair.timeline.WatchSignalling(m_proxy, "proxy"); // counted once, with the first pair's
    }
}

void
ScenarioRun::StopWhenSettled()
{
    Time resumed = Seconds(0);
    for (const auto& pair : m_pairs)
    {
        Time pairResumed = pair->timeline.LastResumption();
        resumed = pairResumed.IsNegative() ? pairResumed : Max(resumed, pairResumed);
        if (resumed.IsNegative())
        {
            break;
        }
    }
    if (resumed.IsNegative())
    {
        // A handover still under way, or one that never resumes (then the run goes on).
        Simulator::Schedule(MilliSeconds(100), &ScenarioRun::StopWhenSettled, this);
        return;
    }
    Time end = resumed + Seconds(m_p.settleS);
    if (end > Simulator::Now())
    {
        Simulator::Schedule(end - Simulator::Now(), &ScenarioRun::StopWhenSettled, this);
        return;
    }
    NS_LOG_INFO("settled: data resumed at " << resumed.As(Time::S) << ", stopping");
    Simulator::Stop();
}

void
ScenarioRun::AssignStreams()
{
    // Fixed random streams for every random variable of the run, so that two
    // runs with the same RngRun agree even in one process (ns-3 numbers the
    // streams it assigns automatically from a process-wide counter).
    int64_t stream = 1;
    // The second access's nodes (LTE: eNB and EPC) draw from streams of
    // their own, so that the WiFi's do not depend on the kind of access.
    NodeContainer nodes;
    for (auto node = NodeList::Begin(); node != NodeList::End(); ++node)
    {
        if (std::find(m_secondNodes.Begin(), m_secondNodes.End(), *node) == m_secondNodes.End())
        {
            nodes.Add(*node);
        }
    }
    stream += InternetStackHelper().AssignStreams(nodes, stream);
    stream += WifiHelper().AssignStreams(m_wifiDevices, stream);
    for (const auto& pair : m_pairs)
    {
        for (Host host : {Host::CH, Host::MH})
        {
            if (Ptr<Application> client = pair->dhcp[IndexOf(host)])
            {
                stream += DhcpClientPreset::AssignStreams(client, stream);
            }
            if (Ptr<MobileSlaacClient> client = pair->slaac[IndexOf(host)])
            {
                stream += client->AssignStreams(stream);
            }
        }
    }
    for (Ptr<RateErrorModel> loss : m_lossModels)
    {
        stream += loss->AssignStreams(stream);
    }
    for (Ptr<Radvd> radvd : m_radvds)
    {
        stream += radvd->AssignStreams(stream);
    }
    for (Ptr<JitterPointToPointChannel> channel : m_jitterChannels)
    {
        stream += channel->AssignStreams(stream);
    }
    for (Ptr<SignallingErrorModel> loss : m_signallingLossModels)
    {
        stream += loss->AssignStreams(stream);
    }
    for (const auto& pair : m_pairs)
    {
        stream += pair->scheme->AssignStreams(stream);
    }
    if (m_second)
    {
        int64_t second = SECOND_ACCESS_STREAMS;
        second += InternetStackHelper().AssignStreams(m_secondNodes, second);
        m_second->AssignStreams(second);
    }
    // Every scheme's demux nonces and crypto agents.
    NodeContainer hosts;
    for (const auto& pair : m_pairs)
    {
        hosts.Add(pair->NodeOf(Host::MH));
        hosts.Add(pair->NodeOf(Host::CH));
    }
    RelocatableSocketFactory::AssignStreams(hosts, stream);
}

void
ScenarioRun::BuildDomain(Host host, double y, Time moveStart)
{
    WifiHelper wifi;
    wifi.SetStandard(WIFI_STANDARD_80211a);
    if (m_p.rateControl == "minstrel")
    {
        wifi.SetRemoteStationManager("ns3::MinstrelWifiManager");
    }
    Ssid ssid("mobisocket-" + std::to_string(IndexOf(host) + 1));
    std::vector<uint8_t> channels = m_p.ChannelOfEachAp();
    BuildAccessPoints(host, y, wifi, ssid, channels);
    SetHelperChannel(m_phy, channels[0]);
    for (const auto& pair : m_pairs)
    {
        BuildStation(*pair, host, y, moveStart, wifi, ssid);
    }
}

void
ScenarioRun::BuildStation(HostPair& pair,
                          Host host,
                          double y,
                          Time moveStart,
                          WifiHelper& wifi,
                          const Ssid& ssid)
{
    WifiMacHelper staMac;
    staMac.SetType("ns3::StaWifiMac",
                   "Ssid",
                   SsidValue(ssid),
                   "MaxMissedBeacons",
                   UintegerValue(m_p.maxMissedBeacons),
                   "ActiveProbing",
                   BooleanValue(m_p.activeProbing),
                   "ProbeRequestTimeout",
                   TimeValue(MilliSeconds(m_p.probeTimeoutMs)),
                   "WaitBeaconTimeout",
                   TimeValue(MilliSeconds(m_p.waitBeaconTimeoutMs)),
                   "AssocRequestTimeout",
                   TimeValue(MilliSeconds(m_p.assocTimeoutMs)));
    NetDeviceContainer staDevice = wifi.Install(m_phy, staMac, pair.NodeOf(host));
    m_wifiDevices.Add(staDevice);
    if (m_p.pcap)
    {
        std::string name = HostName(host) + (pair.index ? std::to_string(pair.index + 1) : "");
        m_phy.EnablePcap(m_p.outputDir + "/wifi-" + name, staDevice.Get(0), true);
    }
    InstallWalk(pair, host, y, moveStart);

    Ptr<WifiNetDevice> device = DynamicCast<WifiNetDevice>(staDevice.Get(0));
    pair.stations[IndexOf(host)] = device;
    Ptr<StaWifiMac> mac = DynamicCast<StaWifiMac>(device->GetMac());
#if MOBISOCKET_NS3_VERSION >= 336
    m_disassociationGuards.push_back(GuardDisassociation(mac));
#endif
    pair.timeline.WatchStation(host, mac);
    if (m_ipv6)
    {
        InstallSlaacClient(pair, host, device);
    }
    else
    {
        InstallDhcpClient(pair, host, device);
    }
    if (m_p.roaming == "signal")
    {
        InstallSignalRoaming(pair, host, mac);
    }
    // The DHCP client removes the address when the link goes down (DeAssoc);
    // the SLAAC client keeps it until the next one is usable.
    HostPair* owner = &pair;
    mac->TraceConnectWithoutContext(
        "DeAssoc",
        MakeLambdaCallback<void, Mac48Address>(
            [this, owner, host](Mac48Address) { LinkLost(*owner, host); }));
}

void
ScenarioRun::BuildAccessPoints(Host host,
                               double y,
                               WifiHelper& wifi,
                               const Ssid& ssid,
                               const std::vector<uint8_t>& channels)
{
    const uint32_t index = IndexOf(host);
    NodeContainer aps;
    aps.Create(m_p.apCount);
    InternetStackHelper().Install(aps);
    for (uint32_t a = 0; m_ipv6 && a < m_p.apCount; ++a)
    {
        aps.Get(a)->GetObject<Ipv6>()->SetAttribute("IpForward", BooleanValue(true));
    }
    WifiMacHelper apMac;
    apMac.SetType("ns3::ApWifiMac",
                  "Ssid",
                  SsidValue(ssid),
                  "BeaconInterval",
                  TimeValue(MicroSeconds(m_p.beaconIntervalUs)));
    MobilityHelper fixed;
    Ptr<ListPositionAllocator> positions = CreateObject<ListPositionAllocator>();
    fixed.SetPositionAllocator(positions);
    fixed.SetMobilityModel("ns3::ConstantPositionMobilityModel");
    for (uint32_t a = 0; a < m_p.apCount; ++a)
    {
        SetHelperChannel(m_phy, channels[a]);
        Ptr<NetDevice> apDevice = wifi.Install(m_phy, apMac, aps.Get(a)).Get(0);
        m_wifiDevices.Add(apDevice);
        for (const auto& pair : m_pairs)
        {
            pair->timeline.NameAccessPoint(Mac48Address::ConvertFrom(apDevice->GetAddress()),
                                           a + 1);
        }
        Vector position = ApPosition(a, y);
        positions->Add(position);
        std::ostringstream subnet;
        subnet << "10." << index + 1 << "." << a + 1 << ".";
        Ipv4Address gateway((subnet.str() + "1").c_str());
        if (host == Host::MH && m_cross && m_cross->Loads(a + 1))
        {
            // 5 m off the walk, next to the AP: it hears only its own AP.
            m_wifiDevices.Add(m_cross->AddStation(a + 1,
                                                  wifi,
                                                  m_phy,
                                                  ssid,
                                                  position + Vector(0, 5, 0),
                                                  Ipv4Address((subnet.str() + "0").c_str()),
                                                  gateway));
        }
        // The CH's domain sits behind the wired path, the MH's next to the router.
        Link backhaul = Wire(
            aps.Get(a),
            index == 0 ? DataRate("1Gbps") : DataRate(uint64_t(m_p.wiredRateMbps * 1e6)),
            MilliSeconds(index == 0 ? m_p.accessDelayMs : m_p.wiredDelayMs),
            "10.0." + std::to_string(m_nextWire++) + ".0",
            index == 0 ? Impairment{}
                       : Impairment{m_p.wiredLossRate, m_p.wiredJitterMs, m_p.signallingLossRate});
        ServeSubnet(aps.Get(a), apDevice, subnet.str() + "0", backhaul);
    }
    fixed.Install(aps);
}

void
ScenarioRun::ServeSubnet(Ptr<Node> ap,
                         Ptr<NetDevice> apDevice,
                         const std::string& subnet,
                         const Link& backhaul)
{
    // Each AP routes its own subnet.
    RouteToRouter(ap, backhaul);
    if (!m_ipv6)
    {
        // IPv4: served by DHCP, the AP its gateway (.1), leases from .10 to .200.
        const std::string base = subnet.substr(0, subnet.size() - 1);
        Ipv4Address gateway((base + "1").c_str());
        DhcpHelper().InstallDhcpServer(apDevice,
                                       gateway,
                                       Ipv4Address(subnet.c_str()),
                                       Ipv4Mask("255.255.255.0"),
                                       Ipv4Address((base + "10").c_str()),
                                       Ipv4Address((base + "200").c_str()),
                                       gateway);
        Ipv4StaticRoutingHelper()
            .GetStaticRouting(m_router->GetObject<Ipv4>())
            ->AddNetworkRouteTo(Ipv4Address(subnet.c_str()),
                                Ipv4Mask("255.255.255.0"),
                                backhaul.nodeAddress,
                                backhaul.routerInterface);
        return;
    }
    // IPv6: the AP (::1 of its /64) advertises the prefix with infinite
    // lifetimes, so that the station's SLAAC client retires the old address
    // once the new one is usable; unsolicited RAs are rare (RFC 4861's
    // defaults, 198-600 s): a station that arrives solicits one.
    const Ipv6Address network = Ipv6Network(subnet);
    Ipv6AddressHelper addresses;
    addresses.SetBase(network, Ipv6Prefix(IPV6_PREFIX_LENGTH));
    Ipv6InterfaceContainer wifi = addresses.Assign(NetDeviceContainer(apDevice));
    RadvdHelper radvd;
    radvd.AddAnnouncedPrefix(wifi.GetInterfaceIndex(0), network, IPV6_PREFIX_LENGTH);
    for (Ptr<RadvdPrefix> prefix :
         radvd.GetRadvdInterface(wifi.GetInterfaceIndex(0))->GetPrefixes())
    {
        prefix->SetPreferredLifeTime(INFINITE_LIFETIME);
        prefix->SetValidLifeTime(INFINITE_LIFETIME);
    }
    Ptr<Radvd> daemon = DynamicCast<Radvd>(radvd.Install(ap).Get(0));
    m_radvds.push_back(daemon);
    Ipv6StaticRoutingHelper()
        .GetStaticRouting(m_router->GetObject<Ipv6>())
        ->AddNetworkRouteTo(network,
                            Ipv6Prefix(IPV6_PREFIX_LENGTH),
                            backhaul.nodeAddress6,
                            backhaul.routerInterface6);
}

void
ScenarioRun::InstallWalk(const HostPair& pair, Host host, double y, Time moveStart)
{
    Ptr<WaypointMobilityModel> path = CreateObject<WaypointMobilityModel>();
    pair.NodeOf(host)->AggregateObject(path);
    const double startX = StartX(pair);
    path->AddWaypoint(Waypoint(Seconds(0), Vector(startX, y, 0)));
    if (host == Host::MH && m_interfaceChange != InterfaceChange::NONE)
    {
        // The MH stays under AP1, then leaves WiFi coverage at once (far from every AP).
        Time leave = Seconds(m_p.switchAtS);
        if (m_interfaceChange == InterfaceChange::MAKE_BEFORE_BREAK)
        {
            leave += MilliSeconds(m_p.overlapMs);
        }
        path->AddWaypoint(Waypoint(leave, Vector(startX, y, 0)));
        path->AddWaypoint(
            Waypoint(leave + NanoSeconds(1), Vector(startX, y + INTERFACE_LEAP_M, 0)));
    }
    else if ((host == Host::CH || m_p.mhMoves) && m_p.mobility == "random-waypoint")
    {
        InstallRandomWaypoint(pair, host, path, y, moveStart);
    }
    else if (host == Host::CH || m_p.mhMoves)
    {
        double endX = (Columns() - 1) * m_p.apSpacingM; // under the first row's last AP
        Time arrival = moveStart + Seconds((endX - startX) / m_p.speedMps);
        if (moveStart > Seconds(0))
        {
            path->AddWaypoint(Waypoint(moveStart, Vector(startX, y, 0)));
        }
        path->AddWaypoint(Waypoint(arrival, Vector(endX, y, 0)));
        if (m_p.walkBack)
        {
            arrival = arrival + (arrival - moveStart);
            path->AddWaypoint(Waypoint(arrival, Vector(startX, y, 0)));
        }
        m_walkEnd = Max(m_walkEnd, arrival);
    }
}

uint32_t
ScenarioRun::Columns() const
{
    return m_p.apColumns == 0 ? m_p.apCount : m_p.apColumns;
}

Vector
ScenarioRun::ApPosition(uint32_t a, double y) const
{
    return Vector((a % Columns()) * m_p.apSpacingM, y + (a / Columns()) * m_p.apSpacingM, 0);
}

double
ScenarioRun::StartX(const HostPair& pair) const
{
    return m_p.startXm - pair.index * m_p.hostGapM;
}

void
ScenarioRun::InstallRandomWaypoint(const HostPair& pair,
                                   Host host,
                                   Ptr<WaypointMobilityModel> path,
                                   double y,
                                   Time start)
{
    // Drawn here, at build time, from a stream of its own: the walk is the
    // same whatever else the run draws.
    Ptr<UniformRandomVariable> draw = CreateObject<UniformRandomVariable>();
    draw->SetStream(WAYPOINT_STREAMS + 2 * pair.index + IndexOf(host));
    const double width = (Columns() - 1) * m_p.apSpacingM;
    const uint32_t rows = (m_p.apCount + Columns() - 1) / Columns();
    const double height = (rows - 1) * m_p.apSpacingM;
    Vector here(StartX(pair), y, 0);
    Time t = start;
    path->AddWaypoint(Waypoint(t, here));
    while (t < Seconds(m_p.simTimeS))
    {
        Vector next(draw->GetValue(0, width), y + draw->GetValue(0, height), 0);
        t += Seconds(CalculateDistance(here, next) / m_p.speedMps);
        path->AddWaypoint(Waypoint(t, next));
        if (m_p.pauseS > 0)
        {
            t += Seconds(m_p.pauseS);
            path->AddWaypoint(Waypoint(t, next));
        }
        here = next;
    }
    m_walkEnd = Max(m_walkEnd, Seconds(m_p.simTimeS));
}

void
ScenarioRun::InstallDhcpClient(HostPair& pair, Host host, Ptr<NetDevice> device)
{
    DhcpClientPreset preset(m_p.addressPreset);
    if (m_p.dhcpCollectMs >= 0)
    {
        preset.SetCollect(MilliSeconds(m_p.dhcpCollectMs));
    }
    preset.SetDnav4(m_p.dnav4);
    Ptr<Application> dhcpClient = preset.Install(device);
    pair.dhcp[IndexOf(host)] = dhcpClient;
    pair.timeline.WatchDhcp(host, dhcpClient);
    // ns-3's DhcpClient fires NewLease before it installs the default route
    // through the new gateway: the applications react once it has finished
    // (MobileDhcpClient installs the route first; one event later is harmless).
    dhcpClient->TraceConnectWithoutContext(
        "NewLease",
        MakeLambdaCallback<void, const Ipv4Address&>(
            [this, owner = &pair, host](const Ipv4Address& address) {
                ScheduleLambda(Seconds(0), [this, owner, host, address]() {
                    LeaseObtained(*owner, host, address);
                });
            }));
}

void
ScenarioRun::InstallSlaacClient(HostPair& pair, Host host, Ptr<NetDevice> device)
{
    // An IPv6 interface with its link-local address only: the global one
    // comes from the APs' advertisements.
    Ipv6AddressHelper().AssignWithoutAddress(NetDeviceContainer(device));
    Ptr<MobileSlaacClient> client = CreateObject<MobileSlaacClient>();
    client->SetDevice(device);
    client->SetAttribute("DadMode",
                         EnumValue(m_p.dad == "on"           ? MobileSlaacClient::DAD_ON
                                   : m_p.dad == "optimistic" ? MobileSlaacClient::DAD_OPTIMISTIC
                                                             : MobileSlaacClient::DAD_OFF));
    client->SetAttribute("DadTimeout", TimeValue(MilliSeconds(m_p.dadTimeoutMs)));
    client->SetAttribute("SolicitationDelayMax", TimeValue(MilliSeconds(m_p.rsDelayMaxMs)));
    pair.NodeOf(host)->AddApplication(client);
    client->SetStartTime(Seconds(0));
    pair.slaac[IndexOf(host)] = client;
    pair.timeline.WatchSlaac(host, client); // first: it notes the address before the scheme acts
    // Usable: the route through the new router is in place and the old
    // address is still there; it goes once the sinks have run (the
    // connections moved), so the change is reported at once.
    client->TraceConnectWithoutContext(
        "AddressUsable",
        MakeLambdaCallback<void, Ipv6Address>([this, owner = &pair, host](Ipv6Address address) {
            LeaseObtained(*owner, host, address);
        }));
}

void
ScenarioRun::InstallSignalRoaming(HostPair& pair, Host host, Ptr<StaWifiMac> mac)
{
#if MOBISOCKET_NS3_VERSION >= 336
    Ptr<ScanningAssocManager> manager = CreateObject<ScanningAssocManager>();
    manager->SetChannels(m_p.ChannelsToScan());
    manager->SetAttribute("MinChannelTime", TimeValue(MilliSeconds(m_p.minChannelTimeMs)));
    manager->SetAttribute("MaxChannelTime", TimeValue(MilliSeconds(m_p.maxChannelTimeMs)));
    mac->SetAssocManager(manager);
    Ptr<SignalRoamingTrigger> trigger = CreateObject<SignalRoamingTrigger>();
    trigger->SetAttribute("ThresholdDb", DoubleValue(m_p.roamThresholdDb));
    trigger->SetAttribute("HysteresisDb", DoubleValue(m_p.roamHysteresisDb));
    trigger->SetAttribute("Window", UintegerValue(m_p.roamWindow));
    trigger->Install(mac, manager);
    pair.NodeOf(host)->AggregateObject(trigger);
    pair.timeline.WatchScans(host, manager);
#endif
}

void
ScenarioRun::InstallCrypto(HostPair& pair)
{
    for (Host host : HOSTS)
    {
        CryptoAgent::Install(pair.NodeOf(host)); // counted for every scheme, plain TCP's zeros too
    }
    Ptr<Node> mh = pair.NodeOf(Host::MH);
    Ptr<energy::BasicEnergySource> battery = CreateObject<energy::BasicEnergySource>();
    battery->SetInitialEnergy(m_p.initialEnergyJ);
    battery->SetAttribute("BasicEnergySupplyVoltageV", DoubleValue(m_p.supplyVoltageV));
    battery->SetNode(mh);
    mh->AggregateObject(battery);
    pair.cpuEnergy = CreateObject<CpuEnergyModel>();
    pair.cpuEnergy->SetAttribute("BusyCurrent", DoubleValue(m_p.cpuBusyCurrentA));
    pair.cpuEnergy->SetEnergySource(battery);
    battery->AppendDeviceEnergyModel(pair.cpuEnergy);
    pair.cpuEnergy->AttachTo(mh->GetObject<CryptoAgent>());
    if (Ptr<WifiNetDevice> station = pair.stations[IndexOf(Host::MH)])
    {
        // ns-3's WiFi radio model and its default currents (Tx 380 mA, Rx
        // 313 mA, idle and CCA busy 273 mA, sleep 33 mA), on the same
        // battery, made to survive the station's disassociations.
        pair.timeline.WatchRadio(Host::MH, RoamingWifiRadioEnergyModel::Install(station, battery));
    }
    for (Host host : HOSTS)
    {
        pair.timeline.WatchCrypto(host,
                                  pair.NodeOf(host)->GetObject<CryptoAgent>(),
                                  host == Host::MH ? pair.cpuEnergy : nullptr);
    }
}

IpAddress
ScenarioRun::CurrentAddress(const HostPair& pair, Host host) const
{
    if (host == Host::CH && !m_p.chMoves)
    {
        return pair.chWiredAddress;
    }
    const auto& addresses = pair.timeline.GetAddresses(host);
    return addresses.empty() ? AnyAddress() : addresses.back().second;
}

IpAddress
ScenarioRun::AnyAddress() const
{
    return IpAddress::GetAny(m_ipv6 ? IpAddress::IPV6 : IpAddress::IPV4);
}

void
ScenarioRun::LinkLost(HostPair& pair, Host host)
{
    pair.scheme->LinkLost(host);
    if (host == Host::MH && m_secondPending)
    {
        m_secondPending = false;
        m_second->BringUp([this]() {
            First().timeline.NoteInterfaceUp(Host::MH);
            SwitchInterface();
        });
    }
}

void
ScenarioRun::LeaseObtained(HostPair& pair, Host host, const IpAddress& address)
{
    NS_LOG_INFO(host << " of pair " << pair.index + 1 << " leased " << address);
    pair.scheme->AddressAssigned(host, address);
    const IpAddress previous = pair.leased[IndexOf(host)];
    pair.leased[IndexOf(host)] = address;
    if (pair.leases[IndexOf(host)]++ > 0)
    {
        // After an interface handover the connection has moved away from WiFi; back
        // on the subnet it left (a roam that found no better AP), nothing changed.
        if (m_interfaceChange == InterfaceChange::NONE && address != previous)
        {
            pair.scheme->AddressChanged(host, address);
        }
        return;
    }
    if (pair.leases[IndexOf(Host::MH)] > 0 && pair.leases[IndexOf(Host::CH)] > 0)
    {
        pair.scheme->StartSession();
    }
}

void
ScenarioRun::StartData(HostPair& pair)
{
    if (pair.dataStarted)
    {
        return;
    }
    Time wait = Seconds(m_p.appStartS) - Simulator::Now();
    if (wait > Seconds(0))
    {
        ScheduleLambda(wait, [this, owner = &pair]() { StartData(*owner); });
        return;
    }
    pair.dataStarted = true;
    if (m_workload == Workload::BROWSING)
    {
        StartBrowsing(pair);
    }
    else
    {
        StartStream(pair);
    }
}

void
ScenarioRun::StartStream(HostPair& pair)
{
    const uint64_t unlimited = uint64_t(1) << 50;
    uint64_t bytes = m_p.bulkBytes > 0 ? m_p.bulkBytes : unlimited;
    pair.chApp = CreateObject<IntegrityApplication>();
    pair.mhApp = CreateObject<IntegrityApplication>();
    for (auto app : {pair.chApp, pair.mhApp})
    {
        app->SetAttribute("Protocol", TypeIdValue(pair.scheme->GetSocketFactory()));
        if (m_workload == Workload::STREAM)
        {
            app->SetAttribute("DataRate",
                              DataRateValue(DataRate(uint64_t(m_p.streamRateKbps * 1000))));
            app->SetAttribute("ChunkBytes", UintegerValue(m_p.streamChunkBytes));
        }
    }
    pair.chApp->SetAttribute("Local", AddressValue(AnyAddress().ToSocketAddress(MEDIA_PORT)));
    pair.chApp->SetAttribute("SendBytes", UintegerValue(m_downlink ? bytes : 0));
    pair.mhApp->SetAttribute(
        "Remote",
        AddressValue(CurrentAddress(pair, Host::CH).ToSocketAddress(MEDIA_PORT)));
    pair.mhApp->SetAttribute("SendBytes", UintegerValue(m_uplink ? bytes : 0));
    for (Host host : HOSTS)
    {
        (host == Host::MH ? pair.mhApp : pair.chApp)
            ->TraceConnectWithoutContext(
                "Connected",
                MakeLambdaCallback<void, Ptr<Socket>>(
                    [this, owner = &pair, host](Ptr<Socket> s) { Connected(*owner, host, s); }));
    }
    pair.timeline.WatchStream(pair.chApp, pair.mhApp, true);
    pair.timeline.WatchStream(pair.mhApp, pair.chApp, false);
    pair.NodeOf(Host::CH)->AddApplication(pair.chApp);
    pair.mhApp->SetStartTime(MilliSeconds(1)); // after the listener
    pair.NodeOf(Host::MH)->AddApplication(pair.mhApp);
}

void
ScenarioRun::StartBrowsing(HostPair& pair)
{
    TypeId factory = pair.scheme->GetSocketFactory();
    PacketSinkHelper sink(factory.GetName(), AnyAddress().ToSocketAddress(WEB_PORT));
    pair.webServer = DynamicCast<PacketSink>(sink.Install(pair.NodeOf(Host::CH)).Get(0));
    pair.timeline.WatchSink(pair.webServer, true);
    pair.browser = CreateObject<BrowsingClient>();
    pair.browser->SetAttribute("Protocol", TypeIdValue(factory));
    pair.browser->SetAttribute(
        "Remote",
        AddressValue(CurrentAddress(pair, Host::CH).ToSocketAddress(WEB_PORT)));
    pair.browser->SetAttribute("Connections", UintegerValue(m_p.connections));
    pair.browser->SetAttribute("PageBytes", UintegerValue(m_p.pageBytes));
    pair.browser->SetAttribute("MeanInterArrival", DoubleValue(m_p.meanInterArrivalS));
    pair.browser->SetAttribute("MeanLifetime", DoubleValue(m_p.meanLifetimeS));
    pair.browser->SetAttribute("LifetimeShape", DoubleValue(m_p.lifetimeShape));
    pair.browser->AssignStreams(APPLICATION_STREAMS + 1000 * pair.index);
    pair.browser->TraceConnectWithoutContext(
        "Opened",
        MakeLambdaCallback<void, Ptr<Socket>>([owner = &pair](Ptr<Socket> socket) {
            owner->timeline.WatchTcp(Host::MH, socket);
            owner->scheme->Connected(Host::MH, socket);
            // The server's end exists since the SYN arrived.
            for (Ptr<Socket> server : GetTcpSockets<Socket>(owner->NodeOf(Host::CH)))
            {
                if (owner->serverSockets.insert(server).second)
                {
                    owner->scheme->Connected(Host::CH, server);
                }
            }
        }));
    pair.browser->SetStartTime(MilliSeconds(1)); // after the server
    pair.NodeOf(Host::MH)->AddApplication(pair.browser);
}

void
ScenarioRun::Connected(HostPair& pair, Host host, Ptr<Socket> socket)
{
    pair.timeline.WatchTcp(host, socket);
    pair.scheme->Connected(host, socket);
    if (host == Host::MH)
    {
        pair.mhConnected = true;
        pair.mhSocket = DynamicCast<MobiSocket>(socket);
    }
}

// ---------------------------------------------------------------------------------------------
// Interface handover (CopyTcb to a second interface)

void
ScenarioRun::BuildSecondInterface()
{
    SecondAccess::Config config;
    config.kind = m_p.secondAccess;
    config.linkRateMbps = m_p.secondRateMbps;
    config.linkDelayMs = m_p.secondDelayMs;
    config.linkUpMs = m_p.secondUpMs;
    config.lteBandwidthRb = m_p.lteBandwidthRb;
    config.enbPosition = Vector(StartX(First()), INTERFACE_LEAP_M / 2, 0);
    m_second = SecondAccess::Create(config);
    m_second->ApplyDefaults(m_defaults);
    // Make-before-break: up (attached) from the start, but second choice: the
    // WiFi default route has metric 0. Break-before-make: off until the WiFi
    // is lost.
    const bool makeFirst = m_interfaceChange == InterfaceChange::MAKE_BEFORE_BREAK;
    const uint32_t firstNode = NodeList::GetNNodes();
    m_second->Build(
        First().NodeOf(Host::MH),
        m_router,
        [this](Ptr<Node> node, DataRate rate, Time delay, const std::string& subnet) {
            return Wire(node, rate, delay, subnet);
        },
        makeFirst);
    for (uint32_t n = firstNode; n < NodeList::GetNNodes(); ++n)
    {
        m_secondNodes.Add(NodeList::GetNode(n));
    }
    ScheduleLambda(Seconds(m_p.switchAtS), [this, makeFirst]() {
        First().timeline.NoteInterfaceHandoverStart(Host::MH);
        if (makeFirst)
        {
            SwitchInterface();
        }
        else
        {
            m_secondPending = true; // LinkLost brings it up
        }
    });
}

void
ScenarioRun::SwitchInterface()
{
    HostPair& pair = First();
    if (!pair.mhSocket)
    {
        NS_LOG_WARN("interface handover: the MH has no connection to move");
        return;
    }
    Ptr<MobiSocket> old = pair.mhSocket;
    Ptr<Node> mh = pair.NodeOf(Host::MH);
    Ptr<MobiSocket> fresh = MobiSocketHelper::CreateSocket(mh);
    fresh->Bind(InetSocketAddress(m_second->GetAddress(), 0));
    fresh->BindToNetDevice(m_second->GetDevice());
    // The connection's exchange moves with it, still watched: CopyTcb announces at once.
    if (MobiSocket::CopyTcb(fresh, old) != 0)
    {
        NS_LOG_WARN("interface handover: CopyTcb failed, errno " << fresh->GetErrno());
        return;
    }
    pair.timeline.NoteInterfaceSwitched(Host::MH);
    pair.timeline.WatchTcp(Host::MH, fresh, old);
    pair.mhSocket = fresh;
    pair.mhApp->SetSocket(fresh);
}

// ---------------------------------------------------------------------------------------------
// Results

void
ScenarioRun::Collect(HandoverScenario::Result& result)
{
    Time end = Min(Simulator::Now(), Seconds(m_p.simTimeS));
    std::vector<HandoverScenario::Result> pairs;
    for (const auto& pair : m_pairs)
    {
        pairs.push_back(CollectPair(*pair, end));
    }
    result = ScenarioResult::Combine(pairs);
    result.endS = end.GetSeconds();
    result.parameters = m_p.ToStrings();
    for (Ptr<SignallingErrorModel> loss : m_signallingLossModels)
    {
        result.signallingLost += loss->GetLost();
    }
    result.crossBytes.assign(m_p.apCount, 0);
    for (uint32_t a = 1; m_cross && a <= m_p.apCount; ++a)
    {
        result.crossBytes[a - 1] = m_cross->ReceivedBytes(a);
    }
}

HandoverScenario::Result
ScenarioRun::CollectPair(const HostPair& pair, Time end) const
{
    HandoverScenario::Result result;
    pair.timeline.Finish(end, result);
    result.endS = end.GetSeconds();
    if (pair.chApp && pair.mhApp)
    {
        CollectStream(pair, result);
    }
    if (pair.browser)
    {
        CollectBrowsing(pair, result);
    }
    pair.scheme->AddResults(result);
    return result;
}

void
ScenarioRun::CollectStream(const HostPair& pair, HandoverScenario::Result& result) const
{
    result.uplinkBytes = pair.chApp->GetBytesReceived();
    result.downlinkBytes = pair.mhApp->GetBytesReceived();
    result.intact = pair.chApp->IsIntact() && pair.mhApp->IsIntact();
    bool failed = pair.chApp->HasFailed() || pair.mhApp->HasFailed();
    // A bounded transfer that finished before a handover has nothing to resume.
    bool finished = m_p.bulkBytes > 0 && m_workload == Workload::BULK &&
                    (!m_uplink || result.uplinkBytes == m_p.bulkBytes) &&
                    (!m_downlink || result.downlinkBytes == m_p.bulkBytes);
    result.DecideVerdict(failed, finished);
    result.connections.attempted = 1;
    result.connections.opened = pair.mhConnected ? 1 : 0;
    result.connections.failed = failed ? 1 : 0;
}

void
ScenarioRun::CollectBrowsing(const HostPair& pair, HandoverScenario::Result& result) const
{
    const BrowsingClient& browser = *pair.browser;
    result.uplinkBytes = pair.webServer->GetTotalRx();
    result.connections.attempted = browser.GetStarted();
    result.connections.opened = browser.GetOpened();
    result.connections.completed = browser.GetCompleted();
    result.connections.stalled = browser.GetStalled();
    result.connections.failed = browser.GetFailed();
    for (const auto& [opened, lifetime] : browser.GetConnectionTimes())
    {
        result.connections.openedS.push_back(opened.GetSeconds());
        result.connections.lifetimeS.push_back(lifetime.GetSeconds());
    }
    for (Time acked : browser.GetCloseAcknowledged())
    {
        result.connections.closeAckedS.push_back(acked.IsNegative() ? NAN : acked.GetSeconds());
    }
    auto move = std::find_if(result.handovers.begin(), result.handovers.end(), [](const auto& h) {
        return h.host == Host::MH;
    });
    if (move != result.handovers.end() && !std::isnan(move->leaseS))
    {
        result.connections.CountSpanning(move->startS, move->leaseS, result.endS);
    }
    // A handshake that never completed (e.g. a SYN sent from the old
    // address) counts against survival like a stalled connection.
    result.survived = result.connections.failed == 0 && result.connections.stalled == 0 &&
                      result.connections.opened == result.connections.attempted;
    result.verdict = result.survived ? Verdict::SURVIVED : Verdict::FAILED;
}

} // namespace

HandoverScenario::Result
HandoverScenario::Run(const Parameters& parameters)
{
    std::string error = parameters.Validate();
    NS_ABORT_MSG_IF(!error.empty(), "HandoverScenario::Run: " << error);
    auto wallStart = std::chrono::steady_clock::now();

    RngSeedManager::SetSeed(parameters.rngSeed);
    RngSeedManager::SetRun(parameters.rngRun);

    if (!parameters.outputDir.empty())
    {
        std::error_code ec;
        std::filesystem::create_directories(parameters.outputDir, ec);
        NS_ABORT_MSG_IF(ec, "cannot create " << parameters.outputDir << ": " << ec.message());
    }
    Result result;
    {
        ScenarioRun run(parameters);
        run.Build();
        Simulator::Stop(Seconds(parameters.simTimeS));
        Simulator::Run();
        run.Collect(result);
        Simulator::Destroy();
    }
    result.ns3Version = GetNs3Version();
    result.wallClockS =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
    if (!parameters.outputDir.empty())
    {
        HandoverResultWriter::WriteAll(result, parameters.outputDir);
    }
    return result;
}

} // namespace ns3
