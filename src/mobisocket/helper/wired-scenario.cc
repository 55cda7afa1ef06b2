/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "wired-scenario.h"

#include "change-attacker.h"
#include "handover-result-writer.h"
#include "integrity-application.h"
#include "mobi-socket-helper.h"

#include "ns3/abort.h"
#include "ns3/config.h"
#include "ns3/cpu-energy-model.h"
#include "ns3/crypto-agent.h"
#include "ns3/double.h"
#include "ns3/inet-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/log.h"
#include "ns3/ns3-compat.h"
#include "ns3/ns3-version.h"
#include "ns3/queue-size.h"
#include "ns3/relocatable-socket-factory.h"
#include "ns3/relocatable-tcp-socket.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/uinteger.h"

#include <chrono>
#include <filesystem>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MobiSocketWiredScenario");

namespace
{
/// CH port of connection 0 (connection i listens on FIRST_PORT + i).
constexpr uint16_t FIRST_PORT = 5001;
/// When the scheme sets up its session (SIP registration and call).
const Time SESSION_START = MilliSeconds(10);
} // namespace

// ---------------------------------------------------------------------------------------------
// Parameters

std::string
WiredScenario::Parameters::Validate() const
{
    using namespace scenario_parameters;
    MobilityScheme::Requirements requirements;
    requirements.manyConnections = connections > 1;
    requirements.attacked = attacker != "none";
    if (!OneOf(attacker, {"none", "off-path", "on-path"}))
    {
        return Bad("attacker", "must be none, off-path or on-path", attacker);
    }
    if (!OneOf(attack, {"forge", "replay"}))
    {
        return Bad("attack", "must be forge or replay", attack);
    }
    if (attack == "replay" && attacker == "off-path")
    {
        return Bad("attack",
                   "replay needs attacker=on-path (off the path there is nothing to "
                   "capture)",
                   attack);
    }
    std::string error = MobilityScheme::Validate(*this, requirements);
    if (!error.empty())
    {
        return error;
    }
    error = CheckRanges({
        {"connections", double(connections), 1, 60000, false},
        {"streamKbps", streamKbps, 0, INF, false},
        {"chunkBytes", double(chunkBytes), 1, 65535, false},
        {"segmentBytes", double(segmentBytes), 64, 65495, false},
        {"startS", startS, 0, simTimeS, false},
        {"connectSpacingUs", connectSpacingUs, 0, 1e9, false},
        {"linkRateMbps", linkRateMbps, 0, INF, true},
        {"linkDelayMs", linkDelayMs, 0, 10000, false},
        {"queuePackets", double(queuePackets), 0, 1e9, false},
        {"mhOutageS", mhOutageS, 0, 1e6, true},
        {"chOutageS", chOutageS, 0, 1e6, true},
        {"simTimeS", simTimeS, 0, 1e6, true},
        {"goodputBinMs", goodputBinMs, 0, simTimeS * 1000, true},
        {"attackRatePerS", attackRatePerS, 0, 1e6, true},
        {"attackStartS", attackStartS, 0, simTimeS, false},
        {"RngRun", double(rngRun), 1, INF, false},
        {"RngSeed", double(rngSeed), 1, INF, false},
    });
    if (!error.empty())
    {
        return error;
    }
    if (mhMoveAtS >= simTimeS)
    {
        return Bad("mhMoveAtS", "must be before simTimeS (or < 0: no move)", ToText(mhMoveAtS));
    }
    if (chMoveAtS >= simTimeS)
    {
        return Bad("chMoveAtS", "must be before simTimeS (or < 0: no move)", ToText(chMoveAtS));
    }
    if (attackStopS >= 0 && attackStopS <= attackStartS)
    {
        return Bad("attackStopS",
                   "must be after attackStartS (or < 0: at the end)",
                   ToText(attackStopS));
    }
    return "";
}

// ---------------------------------------------------------------------------------------------
// Building

WiredScenario::WiredScenario(const Parameters& parameters)
    : m_p(parameters),
      m_timeline(MilliSeconds(parameters.goodputBinMs))
{
    std::string error = m_p.Validate();
    NS_ABORT_MSG_IF(!error.empty(), "WiredScenario: " << error);
    RngSeedManager::SetSeed(m_p.rngSeed);
    RngSeedManager::SetRun(m_p.rngRun);
    m_defaults.Set("ns3::TcpSocket::SegmentSize", UintegerValue(m_p.segmentBytes));
    m_p.ApplyDefaults(m_defaults);
    if (m_p.queuePackets > 0)
    {
        m_defaults.Set("ns3::DropTailQueue<Packet>::MaxSize",
                       QueueSizeValue(QueueSize(QueueSizeUnit::PACKETS, m_p.queuePackets)));
    }
    m_topology = std::make_unique<WiredHandoverTopology>(
        DataRate(static_cast<uint64_t>(m_p.linkRateMbps * 1e6)),
        MilliSeconds(m_p.linkDelayMs));
    m_scheme = MobilityScheme::Create(m_p);
    CreateApplications();
    for (Host host : HOSTS)
    {
        m_timeline.WatchSignalling(m_topology->GetHost(WiredHandoverTopology::Host(host)),
                                   HostName(host));
        double moveAt = host == Host::MH ? m_p.mhMoveAtS : m_p.chMoveAtS;
        if (moveAt >= 0)
        {
            m_topology->ScheduleHandover(WiredHandoverTopology::Host(host),
                                         Seconds(moveAt),
                                         Seconds(host == Host::MH ? m_p.mhOutageS : m_p.chOutageS));
        }
    }
    if (m_p.followMoves)
    {
        FollowMoves();
    }
}

WiredScenario::~WiredScenario() = default;

void
WiredScenario::CreateApplications()
{
    Ptr<Node> nodes[] = {m_topology->GetHost(WiredHandoverTopology::MH),
                         m_topology->GetHost(WiredHandoverTopology::CH)};
    bool mobile[] = {m_p.mhMobile, m_p.chMobile};
    Host active = m_p.mhConnects ? Host::MH : Host::CH;
    Ipv4Address passiveAddress =
        m_topology->GetAddress(WiredHandoverTopology::Host(PeerOf(active)), 0);
    for (uint32_t i = 0; i < m_p.connections; ++i)
    {
        uint16_t port = static_cast<uint16_t>(FIRST_PORT + i);
        for (Host host : HOSTS)
        {
            Ptr<IntegrityApplication> app = CreateObject<IntegrityApplication>();
            TypeId factory = mobile[IndexOf(host)] ? m_scheme->GetSocketFactory()
                                                   : TcpSocketFactory::GetTypeId();
            app->SetAttribute("Protocol", TypeIdValue(factory));
            app->SetAttribute("SendBytes",
                              UintegerValue(host == Host::MH ? m_p.mhSendBytes : m_p.chSendBytes));
            app->SetAttribute("ChunkBytes", UintegerValue(m_p.chunkBytes));
            if (m_p.streamKbps > 0)
            {
                app->SetAttribute("DataRate",
                                  DataRateValue(DataRate(uint64_t(m_p.streamKbps * 1000))));
            }
            if (host == active)
            {
                app->SetAttribute("Remote", AddressValue(InetSocketAddress(passiveAddress, port)));
                app->SetStartTime(Seconds(m_p.startS) + MicroSeconds(m_p.connectSpacingUs) * i);
            }
            else
            {
                app->SetAttribute("Local",
                                  AddressValue(InetSocketAddress(Ipv4Address::GetAny(), port)));
                app->SetStartTime(Seconds(0));
            }
            app->TraceConnectWithoutContext(
                "Connected",
                MakeLambdaCallback<void, Ptr<Socket>>(
                    [this, host](Ptr<Socket> s) { Connected(host, s); }));
            nodes[IndexOf(host)]->AddApplication(app);
            (host == Host::MH ? m_mhApps : m_chApps).push_back(app);
        }
        m_timeline.WatchStream(m_chApps.back(), m_mhApps.back(), true);
        m_timeline.WatchStream(m_mhApps.back(), m_chApps.back(), false);
    }
}

void
WiredScenario::InstallScheme()
{
    if (m_installed)
    {
        return;
    }
    m_installed = true;
    NodeContainer hosts = m_topology->GetHosts();
    SchemeEnvironment environment;
    environment.hosts = {hosts.Get(0), hosts.Get(1)};
    environment.proxy = m_topology->GetRouter();
    environment.proxyAddress =
        Ipv4Address(m_topology->GetAddress(WiredHandoverTopology::MH, 0).Get() - 1);
    environment.timeline = &m_timeline;
    environment.startData = MakeNullCallback<void>(); // the data starts at startS
    environment.offerMobility = m_p.activate;
    environment.giveKeys = m_p.giveKeys;
    environment.givePeerKeys = m_p.givePeerKeys;
    if (m_p.demuxOnPlainTcp)
    {
        MobiSocketHelper().Install(hosts);
    }
    m_scheme->Install(environment);
    for (Host host : HOSTS)
    {
        // Counted for every scheme, plain TCP's zeros too.
        m_timeline.WatchCrypto(host, CryptoAgent::Install(environment.hosts[IndexOf(host)]));
    }
    int64_t stream = 1 + m_scheme->AssignStreams(1);
    stream += RelocatableSocketFactory::AssignStreams(hosts, stream);
    if (m_p.attacker != "none")
    {
        InstallAttacker();
        m_attacker->AssignStreams(stream);
    }
    Simulator::Schedule(SESSION_START, &MobilityScheme::StartSession, m_scheme);
}

void
WiredScenario::InstallAttacker()
{
    AttackKnowledge knowledge;
    knowledge.victimAddress = m_topology->GetAddress(WiredHandoverTopology::CH, 0);
    knowledge.victimPort = FIRST_PORT;
    knowledge.moverAddress = m_topology->GetAddress(WiredHandoverTopology::MH, 0);
    m_attacker = CreateObject<ChangeAttacker>();
    // The parameters' names for the attributes' values: the one place that reads them.
    m_attacker->SetAttribute("Position",
                             StringValue(m_p.attacker == "on-path" ? "OnPath" : "OffPath"));
    m_attacker->SetAttribute("Action", StringValue(m_p.attack == "replay" ? "Replay" : "Forge"));
    m_attacker->SetAttribute("Rate", DoubleValue(m_p.attackRatePerS));
    m_attacker->SetTarget(m_scheme->GetAttackSurface(), knowledge);
    m_attacker->SetPath(m_topology->GetRouter());
    m_topology->AddAttacker()->AddApplication(m_attacker);
    m_attacker->SetStartTime(Seconds(m_p.attackStartS));
    if (m_p.attackStopS >= 0)
    {
        m_attacker->SetStopTime(Seconds(m_p.attackStopS));
    }
}

void
WiredScenario::WatchForHijack(Ptr<Socket> socket)
{
    Ptr<RelocatableTcpSocket> relocatable = DynamicCast<RelocatableTcpSocket>(socket);
    if (!relocatable)
    {
        return;
    }
    relocatable->TraceConnectWithoutContext(
        "TcbUpdated",
        MakeLambdaCallback<void, RelocatableTcpSocket::Direction, const Address&, const Address&>(
            [this](RelocatableTcpSocket::Direction direction,
                   const Address&,
                   const Address& after) {
                if (direction == RelocatableTcpSocket::DESTINATION &&
                    InetSocketAddress::ConvertFrom(after).GetIpv4() ==
                        WiredHandoverTopology::ATTACKER_ADDRESS &&
                    m_hijackedAt == Time::Max())
                {
                    m_hijackedAt = Simulator::Now();
                }
            }));
}

void
WiredScenario::CollectAttack(Result& result) const
{
    if (!m_attacker)
    {
        return;
    }
    AttackStats& a = result.attack;
    a.position = m_p.attacker;
    a.action = m_p.attack;
    a.ratePerS = m_p.attackRatePerS;
    a.sent = m_attacker->GetSent();
    a.skipped = m_attacker->GetSkipped();
    a.hijacked = m_hijackedAt != Time::Max();
    a.hijackedAtS = a.hijacked ? m_hijackedAt.GetSeconds() : -1;
}

void
WiredScenario::FollowMoves()
{
    m_topology->SetLinkLossCallback(MakeCallback(&WiredScenario::NotifyLinkLost, this));
    m_topology->SetAddressChangeCallback(MakeCallback(&WiredScenario::NotifyAddressChanged, this));
}

// ---------------------------------------------------------------------------------------------
// Events

void
WiredScenario::Connected(Host host, Ptr<Socket> socket)
{
    m_timeline.WatchTcp(host, socket);
    m_scheme->Connected(host, socket);
    if (host == Host::CH && m_attacker)
    {
        WatchForHijack(socket);
    }
    if (host == Host::MH)
    {
        ++m_opened;
    }
}

void
WiredScenario::NotifyLinkLost(uint32_t host)
{
    m_timeline.NoteAccessLost(Host(host));
    m_scheme->LinkLost(Host(host));
}

void
WiredScenario::NotifyAddressChanged(uint32_t host,
                                    Ipv4Address /* oldAddress */,
                                    Ipv4Address newAddress)
{
    m_timeline.NoteAddressChanged(Host(host), newAddress);
    m_scheme->AddressChanged(Host(host), newAddress);
}

// ---------------------------------------------------------------------------------------------
// Access

WiredScenario::Parameters&
WiredScenario::GetParameters()
{
    return m_p;
}

WiredHandoverTopology&
WiredScenario::GetTopology()
{
    return *m_topology;
}

MobilityScheme&
WiredScenario::GetScheme()
{
    return *m_scheme;
}

HandoverTimeline&
WiredScenario::GetTimeline()
{
    return m_timeline;
}

Ptr<IntegrityApplication>
WiredScenario::GetApplication(Host host, uint32_t connection) const
{
    const auto& apps = host == Host::MH ? m_mhApps : m_chApps;
    NS_ABORT_MSG_IF(connection >= apps.size(),
                    "WiredScenario: no connection " << connection << " (" << apps.size()
                                                    << " connections)");
    return apps[connection];
}

// ---------------------------------------------------------------------------------------------
// Running

void
WiredScenario::CollectApplications(Result& result) const
{
    bool failed = false;
    bool finished = true;
    for (uint32_t i = 0; i < m_p.connections; ++i)
    {
        result.uplinkBytes += m_chApps[i]->GetBytesReceived();
        result.downlinkBytes += m_mhApps[i]->GetBytesReceived();
        result.intact = result.intact && m_chApps[i]->IsIntact() && m_mhApps[i]->IsIntact();
        failed = failed || m_chApps[i]->HasFailed() || m_mhApps[i]->HasFailed();
        finished = finished && m_chApps[i]->GetBytesReceived() == m_p.mhSendBytes &&
                   m_mhApps[i]->GetBytesReceived() == m_p.chSendBytes;
    }
    result.connections.attempted = m_p.connections;
    result.connections.opened = m_opened;
    result.DecideVerdict(failed, finished);
}

WiredScenario::Result
WiredScenario::Run()
{
    InstallScheme();
    Simulator::Stop(Seconds(m_p.simTimeS));
    Simulator::Run();
    Result result;
    m_timeline.Finish(Seconds(m_p.simTimeS), result);
    result.endS = m_p.simTimeS;
    result.parameters = m_p.ToStrings();
    result.ns3Version = GetNs3Version();
    CollectApplications(result);
    CollectAttack(result);
    m_scheme->AddResults(result);
    return result;
}

WiredScenario::Result
WiredScenario::Run(const Parameters& parameters)
{
    auto wallStart = std::chrono::steady_clock::now();
    Result result;
    {
        WiredScenario scenario(parameters);
        result = scenario.Run();
        Simulator::Destroy();
    }
    result.wallClockS =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
    if (!parameters.outputDir.empty())
    {
        std::error_code ec;
        std::filesystem::create_directories(parameters.outputDir, ec);
        NS_ABORT_MSG_IF(ec, "cannot create " << parameters.outputDir << ": " << ec.message());
        HandoverResultWriter::WriteAll(result, parameters.outputDir);
    }
    return result;
}

} // namespace ns3
