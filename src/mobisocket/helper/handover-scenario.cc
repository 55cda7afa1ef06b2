/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "handover-scenario.h"

#include "browsing-client.h"
#include "handover-result-writer.h"
#include "handover-timeline.h"
#include "integrity-application.h"
#include "mobi-socket-helper.h"
#include "redirect-daemon-helper.h"
#include "tcp-r-helper.h"

#include "ns3/abort.h"
#include "ns3/basic-energy-source.h"
#include "ns3/boolean.h"
#include "ns3/config.h"
#include "ns3/cpu-energy-model.h"
#include "ns3/dhcp-client.h"
#include "ns3/dhcp-helper.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/inet-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/mobi-socket-factory.h"
#include "ns3/mobility-helper.h"
#include "ns3/packet-sink-helper.h"
#include "ns3/packet-sink.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/redirect-socket-factory.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/sip-proxy.h"
#include "ns3/sip-user-agent.h"
#include "ns3/ssid.h"
#include "ns3/sta-wifi-mac.h"
#include "ns3/string.h"
#include "ns3/tcp-r-socket-factory.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/uinteger.h"
#include "ns3/waypoint-mobility-model.h"
#include "ns3/wifi-helper.h"
#include "ns3/wifi-mac-helper.h"
#include "ns3/wifi-net-device.h"
#include "ns3/yans-wifi-helper.h"

#include <charconv>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <set>
#include <sstream>
#include <type_traits>

#if __has_include("ns3/version-defines.h")
#include "ns3/version-defines.h"
#endif

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MobiSocketHandoverScenario");

// ---------------------------------------------------------------------------------------------
// Parameters

namespace
{

/**
 * \brief Parse text into a parameter field.
 * \param text the text
 * \param field the field
 * \return true if the whole text is a valid value of the field's type
 */
template <class T>
bool
ParseInto(const std::string& text, T& field)
{
    if constexpr (std::is_same_v<T, std::string>)
    {
        field = text;
        return true;
    }
    else if constexpr (std::is_same_v<T, bool>)
    {
        if (text == "true" || text == "1")
        {
            field = true;
            return true;
        }
        if (text == "false" || text == "0")
        {
            field = false;
            return true;
        }
        return false;
    }
    else
    {
        std::istringstream is(text);
        T value;
        is >> value;
        if (!is || !is.eof() || (std::is_unsigned_v<T> && text.find('-') != std::string::npos))
        {
            return false;
        }
        field = value;
        return true;
    }
}

/**
 * \param value a field value
 * \return its text
 */
template <class T>
std::string
ToText(const T& value)
{
    if constexpr (std::is_same_v<T, std::string>)
    {
        return value;
    }
    else if constexpr (std::is_same_v<T, bool>)
    {
        return value ? "true" : "false";
    }
    else if constexpr (std::is_floating_point_v<T>)
    {
        // The shortest text that reads back as the same value (no rounding).
        char text[64];
        auto [end, error] = std::to_chars(text, text + sizeof(text), value);
        return error == std::errc() ? std::string(text, end) : std::string("nan");
    }
    else
    {
        std::ostringstream os;
        os << value;
        return os.str();
    }
}

/**
 * \param value a value
 * \param allowed the allowed values
 * \return true if value is one of them
 */
bool
OneOf(const std::string& value, std::initializer_list<const char*> allowed)
{
    for (const char* a : allowed)
    {
        if (value == a)
        {
            return true;
        }
    }
    return false;
}

} // namespace

std::string
HandoverScenario::Parameters::Set(const std::string& name, const std::string& value)
{
    std::string error = "unknown parameter '" + name + "'";
    Visit([&](const char* n, const char*, auto& field) {
        if (name == n)
        {
            error = ParseInto(value, field)
                        ? ""
                        : "parameter '" + name + "': cannot read '" + value + "'";
        }
    });
    return error;
}

std::map<std::string, std::string>
HandoverScenario::Parameters::ToStrings() const
{
    std::map<std::string, std::string> out;
    Visit([&out](const char* name, const char*, const auto& field) { out[name] = ToText(field); });
    return out;
}

void
HandoverScenario::Parameters::AddToCommandLine(CommandLine& cmd)
{
    Visit([&cmd](const char* name, const char* help, auto& field) {
        cmd.AddValue(name, help, field);
    });
}

std::string
HandoverScenario::Parameters::Validate() const
{
    std::ostringstream error;
    auto bad = [&error](const char* name, const std::string& rule, const std::string& got) {
        error << "parameter '" << name << "' " << rule << " (got " << got << ")";
        return error.str();
    };
    if (!OneOf(protocol, {"tcp", "mobisocket", "tcp-r", "redirect"}))
    {
        return bad("protocol", "must be tcp, mobisocket, tcp-r or redirect", protocol);
    }
    if (!OneOf(signalling, {"direct", "proxy", "inband"}))
    {
        return bad("signalling", "must be direct, proxy or inband", signalling);
    }
    if (!OneOf(congestionPolicy, {"RestorePreOutage", "ResetToInitial", "Unchanged"}))
    {
        return bad("congestionPolicy",
                   "must be RestorePreOutage, ResetToInitial or Unchanged",
                   congestionPolicy);
    }
    if (!OneOf(traffic, {"bulk", "stream", "browsing"}))
    {
        return bad("traffic", "must be bulk, stream or browsing", traffic);
    }
    if (!OneOf(interfaceHandover, {"none", "make-before-break", "break-before-make"}))
    {
        return bad("interfaceHandover",
                   "must be none, make-before-break or break-before-make",
                   interfaceHandover);
    }
    if (!OneOf(direction, {"uplink", "downlink", "both"}))
    {
        return bad("direction", "must be uplink, downlink or both", direction);
    }
    if (!OneOf(addressPreset, {"fast", "rfc", "ns3"}))
    {
        return bad("addressPreset", "must be fast, rfc or ns3", addressPreset);
    }

    struct Range
    {
        const char* name;
        double value;
        double min;
        double max;
        bool minOpen;
    };

    const double inf = std::numeric_limits<double>::infinity();
    const Range ranges[] = {
        {"streamRateKbps", streamRateKbps, 0, inf, true},
        {"streamChunkBytes", double(streamChunkBytes), 1, 65535, false},
        {"segmentBytes", double(segmentBytes), 64, 65495, false},
        {"connections", double(connections), 1, 100000, false},
        {"meanInterArrivalS", meanInterArrivalS, 0, 1e6, true},
        {"meanLifetimeS", meanLifetimeS, 0, 1e6, true},
        {"lifetimeShape", lifetimeShape, 1, 100, true},
        {"pageBytes", double(pageBytes), 1, 1e9, false},
        {"prepareAfterS", prepareAfterS, 0, 1e6, false},
        {"daemonScanMs", daemonScanMs, 0, 1e6, true},
        {"overlapMs", overlapMs, 0, 1e6, false},
        {"secondUpMs", secondUpMs, 0, 1e6, false},
        {"secondRateMbps", secondRateMbps, 0, inf, true},
        {"secondDelayMs", secondDelayMs, 0, 10000, false},
        {"wiredRateMbps", wiredRateMbps, 0, inf, true},
        {"wiredDelayMs", wiredDelayMs, 0, 10000, false},
        {"accessDelayMs", accessDelayMs, 0, 10000, false},
        {"proxyRttMs", proxyRttMs, 0, 20000, false},
        {"apSpacingM", apSpacingM, 0, 10000, true},
        {"speedMps", speedMps, 0, 1000, true},
        {"startXm", startXm, 0, apSpacingM, false},
        {"moveStartS", moveStartS, 0, simTimeS, false},
        {"maxMissedBeacons", double(maxMissedBeacons), 1, 1000, false},
        {"probeTimeoutMs", probeTimeoutMs, 0, 60000, true},
        {"waitBeaconTimeoutMs", waitBeaconTimeoutMs, 0, 60000, true},
        {"assocTimeoutMs", assocTimeoutMs, 0, 60000, true},
        {"beaconIntervalUs", beaconIntervalUs, 1024, 65535 * 1024.0, false},
        {"sipT1Ms", sipT1Ms, 0, 60000, true},
        {"sipT2Ms", sipT2Ms, sipT1Ms, 600000, false},
        {"cpuFrequencyMhz", cpuFrequencyMhz, 0, 100000, true},
        {"cpuBusyCurrentA", cpuBusyCurrentA, 0, 100, false},
        {"supplyVoltageV", supplyVoltageV, 0, 1000, true},
        {"initialEnergyJ", initialEnergyJ, 0, inf, true},
        {"simTimeS", simTimeS, 0, 1e6, true},
        {"appStartS", appStartS, 0, simTimeS, false},
        {"goodputBinMs", goodputBinMs, 0, simTimeS * 1000, true},
        {"RngRun", double(rngRun), 1, inf, false},
        {"RngSeed", double(rngSeed), 1, inf, false},
    };
    for (const Range& r : ranges)
    {
        bool below = r.minOpen ? !(r.value > r.min) : !(r.value >= r.min);
        if (below || !(r.value <= r.max) || std::isnan(r.value))
        {
            std::ostringstream rule;
            rule << "must be in " << (r.minOpen ? "(" : "[") << r.min << ", " << r.max << "]";
            return bad(r.name, rule.str(), ToText(r.value));
        }
    }
    if (startXm >= apSpacingM)
    {
        return bad("startXm", "must be smaller than apSpacingM", ToText(startXm));
    }
    if (std::fmod(beaconIntervalUs, 1024.0) != 0)
    {
        return bad("beaconIntervalUs", "must be a multiple of 1024", ToText(beaconIntervalUs));
    }
    if (dhcpCollectMs < 0 && dhcpCollectMs != -1)
    {
        return bad("dhcpCollectMs", "must be >= 0, or -1 for the preset", ToText(dhcpCollectMs));
    }
    if (!std::isfinite(chMoveSkewMs) || std::fabs(chMoveSkewMs) > simTimeS * 1000)
    {
        return bad("chMoveSkewMs", "must be finite and within the run", ToText(chMoveSkewMs));
    }
    if (traffic == "browsing" && protocol == "mobisocket" && signalling != "inband")
    {
        return bad("signalling",
                   "must be inband with traffic=browsing (no SIP session carries it)",
                   signalling);
    }
    if (interfaceHandover != "none")
    {
        if (protocol != "mobisocket" || signalling != "inband")
        {
            return bad("interfaceHandover",
                       "needs protocol=mobisocket and signalling=inband (CopyTcb announces "
                       "the new port in band)",
                       interfaceHandover);
        }
        if (mhMoves || chMoves)
        {
            return bad("interfaceHandover",
                       "needs mhMoves=false and chMoves=false (one change at a time)",
                       interfaceHandover);
        }
        if (traffic == "browsing")
        {
            return bad("interfaceHandover", "moves one connection: use bulk or stream", traffic);
        }
        if (!(switchAtS > appStartS && switchAtS < simTimeS))
        {
            return bad("switchAtS",
                       "must be after appStartS and before simTimeS",
                       ToText(switchAtS));
        }
    }
    if (pcap && outputDir.empty())
    {
        return bad("pcap", "needs outputDir", "true");
    }
    return "";
}

// ---------------------------------------------------------------------------------------------
// One run

namespace
{

/// Port of the session's TCP connection (the CH listens).
constexpr uint16_t MEDIA_PORT = 5001;
/// Port of the browsing server (the CH).
constexpr uint16_t WEB_PORT = 8080;
/// First random stream of the applications created when the data starts.
constexpr int64_t APPLICATION_STREAMS = 3000000;
/// Addresses of record of the two users.
const char* const MH_AOR = "sip:mh@mobisocket.test";
const char* const CH_AOR = "sip:ch@mobisocket.test"; //!< the correspondent

/// DHCP timing presets: offer collection and DISCOVER retransmission.
struct DhcpPreset
{
    Time collect; //!< DhcpClient Collect
    Time rtrs;    //!< DhcpClient RTRS
};

/**
 * \param name fast | rfc | ns3
 * \return the preset
 */
DhcpPreset
PresetNamed(const std::string& name)
{
    if (name == "ns3")
    {
        return {Seconds(5), Seconds(5)}; // DhcpClient defaults
    }
    if (name == "rfc")
    {
        // 518 ms measured acquisition (Forte, Shin, Schulzrinne 2006); RFC 2131's 4 s retry.
        return {MilliSeconds(500), Seconds(4)};
    }
    return {MilliSeconds(10), Seconds(1)};
}

/// A point-to-point link between the router and a node.
struct Link
{
    Ipv4Address routerAddress; //!< router side
    Ipv4Address nodeAddress;   //!< node side
    uint32_t routerInterface;  //!< router's IPv4 interface
    uint32_t nodeInterface;    //!< node's IPv4 interface
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
     * \brief Build a WiFi domain and its station.
     * \param index 0 (MH's) or 1 (CH's)
     * \param station the moving host
     * \param y where the domain lies
     * \param moveStart when the station starts moving
     */
    void BuildDomain(uint32_t index, Ptr<Node> station, double y, Time moveStart);

    /**
     * \brief Connect a node to the router with a point-to-point link.
     * \param node the node
     * \param rate link rate
     * \param delay one-way delay
     * \param subnet the link's /24
     * \return the link's addresses and interfaces
     */
    Link Wire(Ptr<Node> node, DataRate rate, Time delay, const std::string& subnet);

    /// Install the crypto cost model and the MH's battery.
    void InstallCrypto();

    /// Install the redirect daemons (protocol=redirect).
    void InstallRedirectDaemons();

    /// \return the socket factory of the chosen protocol
    TypeId Factory() const;

    /// Start the bulk or stream session (IntegrityApplication at both ends).
    void StartStream();

    /// Start the browsing workload (BrowsingClient on the MH, PacketSink on the CH).
    void StartBrowsing();

    /**
     * \brief Give a MobiSocket the keys of in-band signalling.
     * \param host "MH" or "CH"
     * \param socket the socket
     */
    void GiveKeys(const std::string& host, Ptr<MobiSocket> socket) const;

    /// Interface handover: add the MH's second interface.
    void BuildSecondInterface();

    /// Break-before-make: bring the second interface up, then switch to it.
    void BringUpSecondInterface();

    /// A default route through the second interface, second choice (metric 10) after WiFi's.
    void AddSecondDefaultRoute();

    /// Interface handover: move the data connection to the second interface (CopyTcb).
    void SwitchInterface();

    /**
     * \brief A host left its access point (its address is gone).
     * \param host "MH" or "CH"
     */
    void LinkLost(const std::string& host);

    /**
     * \brief A host's address changed: the protocol reacts.
     * \param host "MH" or "CH"
     * \param address the new address
     */
    void AddressChanged(const std::string& host, Ipv4Address address);

    /**
     * \param host "MH" or "CH"
     * \param address its leased address
     */
    void LeaseObtained(const std::string& host, const Ipv4Address& address);

    /**
     * \brief Install the SIP proxy and the two user agents.
     * \param proxyAddress the proxy's address
     */
    void InstallSip(Ipv4Address proxyAddress);

    /// Both hosts have addresses: set up the session (SIP call, or data at once).
    void StartSession();

    /**
     * \brief A user agent registered.
     * \param contact its contact
     * \param expires the binding's lifetime
     */
    void Registered(const std::string& contact, Time expires);

    /// Start the session's data.
    void StartData();

    /**
     * \brief A side of the data connection is up.
     * \param host "MH" or "CH"
     * \param socket its socket
     */
    void Connected(const std::string& host, Ptr<Socket> socket);

    /**
     * \param host "MH" or "CH"
     * \return its current address
     */
    Ipv4Address CurrentAddress(const std::string& host) const;

    const HandoverScenario::Parameters& m_p;           //!< parameters
    HandoverTimeline m_timeline;                       //!< measurements
    Ptr<Node> m_mh;                                    //!< mobile host
    Ptr<Node> m_ch;                                    //!< correspondent host
    Ptr<Node> m_router;                                //!< access router
    Ptr<Node> m_proxy;                                 //!< SIP proxy/registrar
    uint32_t m_nextWire{1};                            //!< next point-to-point subnet
    Ipv4Address m_chWiredAddress;                      //!< CH address when it does not move
    std::map<std::string, Ptr<DhcpClient>> m_dhcp;     //!< per moving host
    std::map<std::string, uint32_t> m_leases;          //!< leases obtained per host
    std::map<std::string, Ptr<MobiSocket>> m_sockets;  //!< data connection ends
    Ptr<IntegrityApplication> m_mhApp;                 //!< MH end of the data
    Ptr<IntegrityApplication> m_chApp;                 //!< CH end of the data
    bool m_mhConnected{false};                         //!< the MH's data connection opened
    Ptr<BrowsingClient> m_browser;                     //!< browsing workload (MH)
    Ptr<PacketSink> m_webServer;                       //!< browsing server (CH)
    Link m_second{};                                   //!< MH's second interface
    bool m_secondPending{false};                       //!< break-before-make: waiting for it
    Ptr<CpuEnergyModel> m_cpuEnergy;                   //!< MH crypto energy
    MobiSocketHelper m_mobi;                           //!< installs MobiSocket
    RedirectDaemonHelper m_redirect;                   //!< installs the redirect daemons
    Ed25519KeyPair m_mhKeys;                           //!< MH keys
    Ed25519KeyPair m_chKeys;                           //!< CH keys
    bool m_dataStarted{false};                         //!< StartData ran
    std::map<std::string, Ptr<SipUserAgent>> m_agents; //!< SIP user agents
    uint32_t m_registrations{0};                       //!< first registrations answered
    NetDeviceContainer m_wifiDevices;                  //!< every WiFi device
    YansWifiPhyHelper m_phy;                           //!< shared PHY helper (pcap)
};

ScenarioRun::ScenarioRun(const HandoverScenario::Parameters& p)
    : m_p(p),
      m_timeline(MilliSeconds(p.goodputBinMs))
{
}

Link
ScenarioRun::Wire(Ptr<Node> node, DataRate rate, Time delay, const std::string& subnet)
{
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", DataRateValue(rate));
    p2p.SetChannelAttribute("Delay", TimeValue(delay));
    NetDeviceContainer devices = p2p.Install(m_router, node);
    Ipv4AddressHelper addresses(subnet.c_str(), "255.255.255.0");
    Ipv4InterfaceContainer interfaces = addresses.Assign(devices);
    if (m_p.pcap)
    {
        p2p.EnablePcap(m_p.outputDir + "/p2p", devices.Get(1), true);
    }
    return {interfaces.GetAddress(0),
            interfaces.GetAddress(1),
            interfaces.Get(0).second,
            interfaces.Get(1).second};
}

void
ScenarioRun::Build()
{
    DhcpPreset preset = PresetNamed(m_p.addressPreset);
    if (m_p.dhcpCollectMs >= 0)
    {
        preset.collect = MilliSeconds(m_p.dhcpCollectMs);
    }
    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(m_p.segmentBytes));
    Config::SetDefault("ns3::CryptoAgent::CpuFrequency", DoubleValue(m_p.cpuFrequencyMhz * 1e6));
    Config::SetDefault("ns3::CryptoAgent::SignCycles", UintegerValue(m_p.signCycles));
    Config::SetDefault("ns3::CryptoAgent::VerifyCycles", UintegerValue(m_p.verifyCycles));
    Config::SetDefault("ns3::DhcpClient::Collect", TimeValue(preset.collect));
    Config::SetDefault("ns3::DhcpClient::RTRS", TimeValue(preset.rtrs));
    // Leases outlive any run: renewals would add DHCP traffic unrelated to handovers.
    Config::SetDefault("ns3::DhcpServer::LeaseTime", TimeValue(Seconds(3600)));
    Config::SetDefault("ns3::DhcpServer::RenewTime", TimeValue(Seconds(1800)));
    Config::SetDefault("ns3::DhcpServer::RebindTime", TimeValue(Seconds(3000)));

    m_mh = CreateObject<Node>();
    m_ch = CreateObject<Node>();
    m_router = CreateObject<Node>();
    m_proxy = CreateObject<Node>();
    InternetStackHelper stack;
    stack.Install(NodeContainer(m_mh, m_ch, m_router, m_proxy));
    m_mh->GetObject<Ipv4>()->SetAttribute("IpForward", BooleanValue(false));
    m_ch->GetObject<Ipv4>()->SetAttribute("IpForward", BooleanValue(false));

    Ipv4StaticRoutingHelper routing;
    Link proxy = Wire(m_proxy, DataRate("100Mbps"), MilliSeconds(m_p.proxyRttMs / 2), "10.0.100.0");
    routing.GetStaticRouting(m_proxy->GetObject<Ipv4>())
        ->SetDefaultRoute(proxy.routerAddress, proxy.nodeInterface);
    if (!m_p.chMoves)
    {
        Link ch = Wire(m_ch,
                       DataRate(uint64_t(m_p.wiredRateMbps * 1e6)),
                       MilliSeconds(m_p.wiredDelayMs),
                       "10.0.200.0");
        m_chWiredAddress = ch.nodeAddress;
        routing.GetStaticRouting(m_ch->GetObject<Ipv4>())
            ->SetDefaultRoute(ch.routerAddress, ch.nodeInterface);
    }

    m_phy = YansWifiPhyHelper();
    m_phy.SetChannel(YansWifiChannelHelper::Default().Create());
    // The walks start at moveStartS; a negative skew makes the CH go first.
    Time skew = m_p.chMoves ? MilliSeconds(m_p.chMoveSkewMs) : Seconds(0);
    BuildDomain(0, m_mh, 0, Seconds(m_p.moveStartS) + Max(Seconds(0) - skew, Seconds(0)));
    if (m_p.interfaceHandover != "none")
    {
        BuildSecondInterface();
    }
    if (m_p.chMoves)
    {
        BuildDomain(1, m_ch, 10000, Seconds(m_p.moveStartS) + Max(skew, Seconds(0)));
    }

    if (m_p.protocol == "tcp-r")
    {
        TcpRHelper tcpr;
        tcpr.SetSocketAttribute("ResetTimerAfterChange", BooleanValue(m_p.resetTimer));
        tcpr.SetSocketAttribute("CongestionPolicy", StringValue(m_p.congestionPolicy));
        tcpr.Install(NodeContainer(m_mh, m_ch));
    }
    if (m_p.protocol == "mobisocket")
    {
        m_mobi.SetSocketAttribute("MobilityEnabled", BooleanValue(true));
        m_mobi.SetSocketAttribute(
            "Signalling",
            EnumValue(m_p.signalling == "inband" ? MobiSocket::IN_BAND : MobiSocket::APPLICATION));
        m_mobi.SetSocketAttribute("ResetTimerAfterChange", BooleanValue(m_p.resetTimer));
        m_mobi.SetSocketAttribute("CongestionPolicy", StringValue(m_p.congestionPolicy));
        m_mobi.Install(NodeContainer(m_mh, m_ch));
        // Only the key generator now, before the keys are drawn: the nodes'
        // demux and crypto agents get theirs below, with every scheme's.
        m_mobi.AssignStreams(NodeContainer(), 1000000);
        m_mhKeys = m_mobi.GenerateKeyPair();
        m_chKeys = m_mobi.GenerateKeyPair();
        if (m_p.signalling != "inband")
        {
            InstallSip(proxy.nodeAddress);
        }
    }
    if (m_p.protocol == "redirect")
    {
        InstallRedirectDaemons();
    }
    InstallCrypto();

    for (Ptr<Node> node : {m_mh, m_ch, m_proxy})
    {
        m_timeline.WatchSignalling(node);
    }

    // Fixed random streams for every random variable of the run, so that two
    // runs with the same RngRun agree even in one process (ns-3 numbers the
    // streams it assigns automatically from a process-wide counter).
    int64_t stream = 1;
    stream += InternetStackHelper().AssignStreams(NodeContainer::GetGlobal(), stream);
    stream += WifiHelper().AssignStreams(m_wifiDevices, stream);
    for (const auto& [host, client] : m_dhcp)
    {
        stream += client->AssignStreams(stream);
    }
    for (const auto& [host, agent] : m_agents)
    {
        stream += agent->AssignStreams(stream);
    }
    // Every scheme's demux nonces and crypto agents.
    stream += RelocatableSocketFactory::AssignStreams(NodeContainer(m_mh, m_ch), stream);
    if (!m_p.chMoves)
    {
        m_leases["CH"] = 1; // wired: it has its address from the start
    }
}

void
ScenarioRun::BuildDomain(uint32_t index, Ptr<Node> station, double y, Time moveStart)
{
    std::string host = index == 0 ? "MH" : "CH";
    NodeContainer aps; // AP1, AP2
    aps.Create(2);
    InternetStackHelper().Install(aps);

    WifiHelper wifi;
    wifi.SetStandard(WIFI_STANDARD_80211a);
    Ssid ssid("mobisocket-" + std::to_string(index + 1));
    WifiMacHelper apMac;
    apMac.SetType("ns3::ApWifiMac",
                  "Ssid",
                  SsidValue(ssid),
                  "BeaconInterval",
                  TimeValue(MicroSeconds(m_p.beaconIntervalUs)));
    NetDeviceContainer apDevices = wifi.Install(m_phy, apMac, aps);
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
    NetDeviceContainer staDevice = wifi.Install(m_phy, staMac, station);
    m_wifiDevices.Add(apDevices);
    m_wifiDevices.Add(staDevice);
    if (m_p.pcap)
    {
        m_phy.EnablePcap(m_p.outputDir + "/wifi-" + host, staDevice.Get(0), true);
    }

    MobilityHelper fixed;
    Ptr<ListPositionAllocator> positions = CreateObject<ListPositionAllocator>();
    positions->Add(Vector(0, y, 0));
    positions->Add(Vector(m_p.apSpacingM, y, 0));
    fixed.SetPositionAllocator(positions);
    fixed.SetMobilityModel("ns3::ConstantPositionMobilityModel");
    fixed.Install(aps);
    Ptr<WaypointMobilityModel> path = CreateObject<WaypointMobilityModel>();
    station->AggregateObject(path);
    path->AddWaypoint(Waypoint(Seconds(0), Vector(m_p.startXm, y, 0)));
    if (index == 0 && m_p.interfaceHandover != "none")
    {
        // The MH stays under AP1, then leaves WiFi coverage at once (far from both APs).
        Time leave = Seconds(m_p.switchAtS);
        if (m_p.interfaceHandover == "make-before-break")
        {
            leave += MilliSeconds(m_p.overlapMs);
        }
        path->AddWaypoint(Waypoint(leave, Vector(m_p.startXm, y, 0)));
        path->AddWaypoint(Waypoint(leave + NanoSeconds(1), Vector(m_p.startXm, y + 5000, 0)));
    }
    else if (index == 1 || m_p.mhMoves)
    {
        Time arrival = moveStart + Seconds((m_p.apSpacingM - m_p.startXm) / m_p.speedMps);
        if (moveStart > Seconds(0))
        {
            path->AddWaypoint(Waypoint(moveStart, Vector(m_p.startXm, y, 0)));
        }
        path->AddWaypoint(Waypoint(arrival, Vector(m_p.apSpacingM, y, 0)));
    }

    // Each AP routes its own subnet and serves it by DHCP.
    DhcpHelper dhcp;
    Ipv4StaticRoutingHelper routing;
    for (uint32_t a = 0; a < 2; ++a)
    {
        std::ostringstream subnet;
        subnet << "10." << index + 1 << "." << a + 1 << ".";
        Ipv4Address gateway((subnet.str() + "1").c_str());
        // The CH's domain sits behind the wired path, the MH's next to the router.
        Link backhaul =
            Wire(aps.Get(a),
                 index == 0 ? DataRate("1Gbps") : DataRate(uint64_t(m_p.wiredRateMbps * 1e6)),
                 MilliSeconds(index == 0 ? m_p.accessDelayMs : m_p.wiredDelayMs),
                 "10.0." + std::to_string(m_nextWire++) + ".0");
        dhcp.InstallDhcpServer(apDevices.Get(a),
                               gateway,
                               Ipv4Address((subnet.str() + "0").c_str()),
                               Ipv4Mask("255.255.255.0"),
                               Ipv4Address((subnet.str() + "10").c_str()),
                               Ipv4Address((subnet.str() + "200").c_str()),
                               gateway);
        routing.GetStaticRouting(aps.Get(a)->GetObject<Ipv4>())
            ->SetDefaultRoute(backhaul.routerAddress, backhaul.nodeInterface);
        routing.GetStaticRouting(m_router->GetObject<Ipv4>())
            ->AddNetworkRouteTo(Ipv4Address((subnet.str() + "0").c_str()),
                                Ipv4Mask("255.255.255.0"),
                                backhaul.nodeAddress,
                                backhaul.routerInterface);
    }
    ApplicationContainer client = dhcp.InstallDhcpClient(staDevice.Get(0));
    Ptr<DhcpClient> dhcpClient = DynamicCast<DhcpClient>(client.Get(0));
    m_dhcp[host] = dhcpClient;
    // DhcpClient fires NewLease before it installs the default route through
    // the new gateway: the applications react once it has finished.
    dhcpClient->TraceConnectWithoutContext(
        "NewLease",
        Callback<void, const Ipv4Address&>([this, host](const Ipv4Address& address) {
            Simulator::ScheduleNow(&ScenarioRun::LeaseObtained, this, host, address);
        }));
    Ptr<WifiNetDevice> device = DynamicCast<WifiNetDevice>(staDevice.Get(0));
    Ptr<StaWifiMac> mac = DynamicCast<StaWifiMac>(device->GetMac());
    m_timeline.WatchStation(host, mac, dhcpClient);
    // DhcpClient removes the address when the link goes down (DeAssoc).
    mac->TraceConnectWithoutContext(
        "DeAssoc",
        Callback<void, Mac48Address>([this, host](Mac48Address) { LinkLost(host); }));
}

void
ScenarioRun::InstallSip(Ipv4Address proxyAddress)
{
    Ptr<SipProxy> registrar = CreateObject<SipProxy>();
    registrar->SetAttribute("Address", Ipv4AddressValue(proxyAddress));
    m_proxy->AddApplication(registrar);
    SipUserAgent::UpdateMode mode =
        m_p.signalling == "proxy" ? SipUserAgent::VIA_PROXY : SipUserAgent::DIRECT;
    for (const std::string host : {"MH", "CH"})
    {
        Ptr<SipUserAgent> agent = CreateObject<SipUserAgent>();
        agent->SetAttribute("Aor", StringValue(host == "MH" ? MH_AOR : CH_AOR));
        agent->SetAttribute("ProxyAddress", Ipv4AddressValue(proxyAddress));
        agent->SetAttribute("UpdateMode", EnumValue(mode));
        agent->SetAttribute("ResetTimer", BooleanValue(m_p.resetTimer));
        agent->SetAttribute("T1", TimeValue(MilliSeconds(m_p.sipT1Ms)));
        agent->SetAttribute("T2", TimeValue(MilliSeconds(m_p.sipT2Ms)));
        agent->SetKeyPair(host == "MH" ? m_mhKeys : m_chKeys);
        agent->TraceConnectWithoutContext("Registered",
                                          MakeCallback(&ScenarioRun::Registered, this));
        (host == "MH" ? m_mh : m_ch)->AddApplication(agent);
        m_timeline.WatchUserAgent(host, agent);
        m_agents[host] = agent;
    }
    m_agents["MH"]->TraceConnectWithoutContext(
        "SessionEstablished",
        Callback<void, const std::string&, const std::string&>(
            [this](const std::string&, const std::string&) { StartData(); }));
}

void
ScenarioRun::InstallCrypto()
{
    for (Ptr<Node> node : {m_mh, m_ch})
    {
        CryptoAgent::GetOrCreate(node);
    }
    Ptr<BasicEnergySource> battery = CreateObject<BasicEnergySource>();
    battery->SetInitialEnergy(m_p.initialEnergyJ);
    battery->SetAttribute("BasicEnergySupplyVoltageV", DoubleValue(m_p.supplyVoltageV));
    battery->SetNode(m_mh);
    m_mh->AggregateObject(battery);
    m_cpuEnergy = CreateObject<CpuEnergyModel>();
    m_cpuEnergy->SetAttribute("BusyCurrent", DoubleValue(m_p.cpuBusyCurrentA));
    m_cpuEnergy->SetEnergySource(battery);
    battery->AppendDeviceEnergyModel(m_cpuEnergy);
    m_cpuEnergy->AttachTo(m_mh->GetObject<CryptoAgent>());
}

Ipv4Address
ScenarioRun::CurrentAddress(const std::string& host) const
{
    if (host == "CH" && !m_p.chMoves)
    {
        return m_chWiredAddress;
    }
    const auto& leases = m_timeline.GetLeases(host);
    return leases.empty() ? Ipv4Address::GetAny() : leases.back().second;
}

void
ScenarioRun::LeaseObtained(const std::string& host, const Ipv4Address& address)
{
    NS_LOG_INFO(host << " leased " << address);
    if (m_leases[host]++ > 0)
    {
        AddressChanged(host, address);
        return;
    }
    if (m_leases["MH"] > 0 && m_leases["CH"] > 0)
    {
        StartSession();
    }
}

void
ScenarioRun::StartSession()
{
    if (m_agents.empty())
    {
        StartData();
        return;
    }
    for (const auto& [host, agent] : m_agents)
    {
        agent->Register();
    }
}

void
ScenarioRun::Registered(const std::string& /* contact */, Time /* expires */)
{
    // The MH calls once both users are registered (only the first time).
    if (++m_registrations == 2)
    {
        m_agents["MH"]->Call(CH_AOR);
    }
}

void
ScenarioRun::StartData()
{
    if (m_dataStarted)
    {
        return;
    }
    m_dataStarted = true;
    Time wait = Seconds(m_p.appStartS) - Simulator::Now();
    if (wait > Seconds(0))
    {
        Simulator::Schedule(wait, &ScenarioRun::StartData, this);
        m_dataStarted = false;
        return;
    }
    if (m_p.traffic == "browsing")
    {
        StartBrowsing();
    }
    else
    {
        StartStream();
    }
}

TypeId
ScenarioRun::Factory() const
{
    if (m_p.protocol == "tcp-r")
    {
        return TcpRSocketFactory::GetTypeId();
    }
    if (m_p.protocol == "redirect")
    {
        return RedirectSocketFactory::GetTypeId();
    }
    if (m_p.protocol == "mobisocket")
    {
        return MobiSocketFactory::GetTypeId();
    }
    return TcpSocketFactory::GetTypeId();
}

void
ScenarioRun::StartStream()
{
    const uint64_t unlimited = uint64_t(1) << 50;
    uint64_t bytes = m_p.bulkBytes > 0 ? m_p.bulkBytes : unlimited;
    bool uplink = m_p.direction != "downlink";
    bool downlink = m_p.direction != "uplink";
    m_chApp = CreateObject<IntegrityApplication>();
    m_mhApp = CreateObject<IntegrityApplication>();
    for (auto app : {m_chApp, m_mhApp})
    {
        app->SetAttribute("Protocol", TypeIdValue(Factory()));
        if (m_p.traffic == "stream")
        {
            app->SetAttribute("DataRate",
                              DataRateValue(DataRate(uint64_t(m_p.streamRateKbps * 1000))));
            app->SetAttribute("ChunkBytes", UintegerValue(m_p.streamChunkBytes));
        }
    }
    m_chApp->SetAttribute("Local",
                          AddressValue(InetSocketAddress(Ipv4Address::GetAny(), MEDIA_PORT)));
    m_chApp->SetAttribute("SendBytes", UintegerValue(downlink ? bytes : 0));
    m_mhApp->SetAttribute("Remote",
                          AddressValue(InetSocketAddress(CurrentAddress("CH"), MEDIA_PORT)));
    m_mhApp->SetAttribute("SendBytes", UintegerValue(uplink ? bytes : 0));
    m_chApp->TraceConnectWithoutContext(
        "Connected",
        MakeCallback(&ScenarioRun::Connected, this).Bind(std::string("CH")));
    m_mhApp->TraceConnectWithoutContext(
        "Connected",
        MakeCallback(&ScenarioRun::Connected, this).Bind(std::string("MH")));
    m_timeline.WatchStream(m_chApp, m_mhApp, true);
    m_timeline.WatchStream(m_mhApp, m_chApp, false);
    m_ch->AddApplication(m_chApp);
    m_mhApp->SetStartTime(MilliSeconds(1)); // after the listener
    m_mh->AddApplication(m_mhApp);
}

void
ScenarioRun::StartBrowsing()
{
    PacketSinkHelper sink(Factory().GetName(), InetSocketAddress(Ipv4Address::GetAny(), WEB_PORT));
    m_webServer = DynamicCast<PacketSink>(sink.Install(m_ch).Get(0));
    m_timeline.WatchSink(m_webServer, true);
    m_browser = CreateObject<BrowsingClient>();
    m_browser->SetAttribute("Protocol", TypeIdValue(Factory()));
    m_browser->SetAttribute("Remote",
                            AddressValue(InetSocketAddress(CurrentAddress("CH"), WEB_PORT)));
    m_browser->SetAttribute("Connections", UintegerValue(m_p.connections));
    m_browser->SetAttribute("PageBytes", UintegerValue(m_p.pageBytes));
    m_browser->SetAttribute("MeanInterArrival", DoubleValue(m_p.meanInterArrivalS));
    m_browser->SetAttribute("MeanLifetime", DoubleValue(m_p.meanLifetimeS));
    m_browser->SetAttribute("LifetimeShape", DoubleValue(m_p.lifetimeShape));
    m_browser->AssignStreams(APPLICATION_STREAMS);
    m_browser->TraceConnectWithoutContext(
        "Opened",
        Callback<void, Ptr<Socket>>([this](Ptr<Socket> socket) {
            m_timeline.WatchTcp(socket);
            if (m_p.protocol == "mobisocket")
            {
                GiveKeys("MH", DynamicCast<MobiSocket>(socket));
                // The server's end exists since the SYN arrived.
                for (Ptr<MobiSocket> server : RelocatableSocketFactory::SocketsOn<MobiSocket>(m_ch))
                {
                    GiveKeys("CH", server);
                }
            }
        }));
    m_browser->SetStartTime(MilliSeconds(1)); // after the server
    m_mh->AddApplication(m_browser);
}

void
ScenarioRun::GiveKeys(const std::string& host, Ptr<MobiSocket> socket) const
{
    if (socket && m_p.signalling == "inband")
    {
        socket->SetLocalKeyPair(host == "MH" ? m_mhKeys : m_chKeys);
        socket->SetPeerPublicKey(host == "MH" ? m_chKeys.publicKey : m_mhKeys.publicKey);
    }
}

void
ScenarioRun::Connected(const std::string& host, Ptr<Socket> socket)
{
    m_mhConnected = m_mhConnected || host == "MH";
    m_timeline.WatchTcp(socket);
    if (Ptr<RelocatableTcpSocket> relocatable = DynamicCast<RelocatableTcpSocket>(socket))
    {
        m_timeline.WatchRelocatable(host, relocatable);
    }
    Ptr<MobiSocket> mobi = DynamicCast<MobiSocket>(socket);
    if (!mobi)
    {
        return;
    }
    m_sockets[host] = mobi;
    auto agent = m_agents.find(host);
    if (agent != m_agents.end())
    {
        agent->second->SetSessionSocket(mobi);
    }
    GiveKeys(host, mobi);
}

void
ScenarioRun::LinkLost(const std::string& host)
{
    if (m_p.protocol == "tcp-r")
    {
        TcpRHelper::NotifyAddressLost(host == "MH" ? m_mh : m_ch);
    }
    if (host == "MH" && m_secondPending)
    {
        m_secondPending = false;
        Simulator::Schedule(MilliSeconds(m_p.secondUpMs),
                            &ScenarioRun::BringUpSecondInterface,
                            this);
    }
}

void
ScenarioRun::InstallRedirectDaemons()
{
    m_redirect.SetDaemonAttribute("PrepareAfter", TimeValue(Seconds(m_p.prepareAfterS)));
    m_redirect.SetDaemonAttribute("ScanInterval", TimeValue(MilliSeconds(m_p.daemonScanMs)));
    m_redirect.SetDaemonAttribute("ResetTimer", BooleanValue(m_p.resetTimer));
    m_redirect.SetSocketAttribute("CongestionPolicy", StringValue(m_p.congestionPolicy));
    ApplicationContainer daemons = m_redirect.Install(NodeContainer(m_mh, m_ch));
    // The daemons' own view of the exchange, on the mover's timeline.
    for (const std::string host : {"MH", "CH"})
    {
        Ptr<RedirectDaemon> daemon = DynamicCast<RedirectDaemon>(daemons.Get(host == "MH" ? 0 : 1));
        std::string peer = host == "MH" ? "CH" : "MH";
        daemon->TraceConnectWithoutContext(
            "RedirectSent",
            Callback<void, uint64_t, const RedirectRequestHeader&>(
                [this, host](uint64_t, const RedirectRequestHeader&) {
                    m_timeline.NoteUpdateSent(host);
                }));
        daemon->TraceConnectWithoutContext("RedirectAccepted",
                                           Callback<void, uint64_t, Ipv4Address, Ipv4Address>(
                                               [this, peer](uint64_t, Ipv4Address, Ipv4Address) {
                                                   m_timeline.NotePeerUpdated(peer);
                                               }));
        daemon->TraceConnectWithoutContext("RedirectConfirmed",
                                           Callback<void, uint64_t, Ipv4Address, Ipv4Address>(
                                               [this, host](uint64_t, Ipv4Address, Ipv4Address) {
                                                   m_timeline.NoteConfirmed(host);
                                               }));
    }
}

void
ScenarioRun::BuildSecondInterface()
{
    m_second = Wire(m_mh,
                    DataRate(uint64_t(m_p.secondRateMbps * 1e6)),
                    MilliSeconds(m_p.secondDelayMs),
                    "10.0.250.0");
    if (m_p.interfaceHandover == "make-before-break")
    {
        // Up from the start, but second choice: the WiFi default route has metric 0.
        AddSecondDefaultRoute();
        Simulator::Schedule(Seconds(m_p.switchAtS), [this]() {
            m_timeline.NoteInterfaceHandoverStart("MH");
            SwitchInterface();
        });
    }
    else
    {
        // Break-before-make: the second radio is off until the WiFi is lost.
        m_mh->GetObject<Ipv4>()->SetDown(m_second.nodeInterface);
        Simulator::Schedule(Seconds(m_p.switchAtS), [this]() {
            m_timeline.NoteInterfaceHandoverStart("MH");
            m_secondPending = true; // LinkLost brings it up
        });
    }
}

void
ScenarioRun::BringUpSecondInterface()
{
    m_mh->GetObject<Ipv4>()->SetUp(m_second.nodeInterface);
    // NotifyInterfaceUp restores only the connected route.
    AddSecondDefaultRoute();
    SwitchInterface();
}

void
ScenarioRun::AddSecondDefaultRoute()
{
    Ipv4StaticRoutingHelper()
        .GetStaticRouting(m_mh->GetObject<Ipv4>())
        ->AddNetworkRouteTo(Ipv4Address::GetAny(),
                            Ipv4Mask::GetZero(),
                            m_second.routerAddress,
                            m_second.nodeInterface,
                            10);
}

void
ScenarioRun::SwitchInterface()
{
    auto it = m_sockets.find("MH");
    if (it == m_sockets.end())
    {
        NS_LOG_WARN("interface handover: the MH has no connection to move");
        return;
    }
    Ptr<MobiSocket> old = it->second;
    Ptr<MobiSocket> fresh = MobiSocketHelper::CreateSocket(m_mh);
    Ptr<NetDevice> device = m_mh->GetObject<Ipv4>()->GetNetDevice(m_second.nodeInterface);
    fresh->Bind(InetSocketAddress(m_second.nodeAddress, 0));
    fresh->BindToNetDevice(device);
    m_timeline.WatchRelocatable("MH", fresh); // CopyTcb announces the change at once
    if (MobiSocket::CopyTcb(fresh, old) != 0)
    {
        NS_LOG_WARN("interface handover: CopyTcb failed, errno " << fresh->GetErrno());
        return;
    }
    m_timeline.NoteInterfaceSwitched("MH");
    m_timeline.WatchTcp(fresh, old);
    m_sockets["MH"] = fresh;
    m_mhApp->SetSocket(fresh);
}

void
ScenarioRun::AddressChanged(const std::string& host, Ipv4Address address)
{
    if (m_p.protocol == "tcp-r")
    {
        TcpRHelper::NotifyNewAddress(host == "MH" ? m_mh : m_ch, address);
        return;
    }
    if (m_p.protocol != "mobisocket" || m_p.interfaceHandover != "none")
    {
        // Plain TCP keeps its old address and stalls; the redirect daemon follows
        // the lease itself; an interface handover has moved the connection away.
        return;
    }
    auto agent = m_agents.find(host);
    if (agent != m_agents.end())
    {
        agent->second->NotifyAddressChange(address); // SIP INFO, then UpdateTcb
        return;
    }
    // In-band signalling: the application updates every connection it holds.
    for (Ptr<MobiSocket> socket :
         RelocatableSocketFactory::SocketsOn<MobiSocket>(host == "MH" ? m_mh : m_ch))
    {
        if (socket->IsMobilityActive())
        {
            socket->UpdateTcb(MobiSocket::SOURCE, InetSocketAddress(address, 0));
        }
    }
}

void
ScenarioRun::Collect(HandoverScenario::Result& result)
{
    m_timeline.Finish(Seconds(m_p.simTimeS), result);
    result.parameters = m_p.ToStrings();
    if (m_chApp && m_mhApp)
    {
        result.uplinkBytes = m_chApp->GetBytesReceived();
        result.downlinkBytes = m_mhApp->GetBytesReceived();
        result.intact = m_chApp->IsIntact() && m_mhApp->IsIntact();
        bool failed = m_chApp->HasFailed() || m_mhApp->HasFailed();
        bool resumed = true;
        for (const auto& h : result.handovers)
        {
            resumed = resumed && h.completed;
        }
        // A bounded transfer that finished before a handover has nothing to resume.
        bool finished = m_p.bulkBytes > 0 && m_p.traffic == "bulk" &&
                        (m_p.direction == "downlink" || result.uplinkBytes == m_p.bulkBytes) &&
                        (m_p.direction == "uplink" || result.downlinkBytes == m_p.bulkBytes);
        result.survived =
            !failed && (resumed || finished) && (result.uplinkBytes + result.downlinkBytes) > 0;
        result.connections.attempted = 1;
        result.connections.opened = m_mhConnected ? 1 : 0;
        result.connections.failed = failed ? 1 : 0;
    }
    if (m_browser)
    {
        result.uplinkBytes = m_webServer->GetTotalRx();
        result.connections.attempted = m_browser->GetStarted();
        result.connections.opened = m_browser->GetOpened();
        result.connections.completed = m_browser->GetCompleted();
        result.connections.stalled = m_browser->GetStalled();
        result.connections.failed = m_browser->GetFailed();
        for (const auto& [opened, lifetime] : m_browser->GetConnectionTimes())
        {
            result.connections.openedS.push_back(opened.GetSeconds());
            result.connections.lifetimeS.push_back(lifetime.GetSeconds());
        }
        // A handshake that never completed (e.g. a SYN sent from the old
        // address) counts against survival like a stalled connection.
        result.survived = result.connections.failed == 0 && result.connections.stalled == 0 &&
                          result.connections.opened == result.connections.attempted;
    }
    if (m_p.protocol == "redirect")
    {
        result.connections.prepared =
            RedirectDaemonHelper::GetDaemon(m_mh)->GetConnectionsPrepared();
    }
    for (const auto& [name, node] : {std::pair<std::string, Ptr<Node>>{"MH", m_mh}, {"CH", m_ch}})
    {
        Ptr<CryptoAgent> agent = node->GetObject<CryptoAgent>();
        HandoverScenario::NodeCrypto crypto;
        crypto.node = name;
        crypto.signatures = agent->GetCount(CryptoAgent::SIGN);
        crypto.verifications = agent->GetCount(CryptoAgent::VERIFY);
        crypto.keyShares = agent->GetCount(CryptoAgent::KEY_GENERATION);
        crypto.keyAgreements = agent->GetCount(CryptoAgent::KEY_AGREEMENT);
        crypto.macs = agent->GetCount(CryptoAgent::MAC);
        crypto.cpuTimeS = agent->GetBusyTime().GetSeconds();
        crypto.energyJ = name == "MH" ? m_cpuEnergy->GetTotalEnergyConsumption() : 0;
        result.crypto.push_back(crypto);
    }
}

} // namespace

HandoverScenario::Result
HandoverScenario::Run(const Parameters& parameters)
{
    std::string error = parameters.Validate();
    NS_ABORT_MSG_IF(!error.empty(), "HandoverScenario::Run: " << error);
    auto wallStart = std::chrono::steady_clock::now();

    Config::Reset();
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
    Config::Reset();
#ifdef NS3_VERSION_MAJOR
    result.ns3Version = "ns-3." + std::to_string(NS3_VERSION_MINOR) +
                        (NS3_VERSION_PATCH ? "." + std::to_string(NS3_VERSION_PATCH) : "");
#else
    result.ns3Version = "ns-3";
#endif
    result.wallClockS =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
    if (!parameters.outputDir.empty())
    {
        HandoverResultWriter::WriteAll(result, parameters.outputDir);
    }
    return result;
}

} // namespace ns3
