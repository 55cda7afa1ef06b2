/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mobisocket-bench
 * Benchmark: N MobiSocket connections handed over by one address change.
 *
 * On the wired test bed (WiredHandoverTopology) the mobile host (MH) opens
 * --connections MobiSocket connections to the correspondent host (CH), one
 * per CH port, each carrying a constant-rate checked stream
 * (IntegrityApplication, --streamKbps in --chunkBytes writes) from the MH to
 * the CH. At --moveAt the MH's access link fails; after --outage the MH has
 * its address on the other subnet and calls UpdateTcb(SOURCE) on every
 * connection at once. With --signalling=inband (default) each socket sends a
 * signed AddChange (per-host Ed25519 keys, handed to every socket), the CH
 * verifies it, updates and confirms; with --signalling=application the CH's
 * sockets are updated by the program after --appSignallingDelayMs and both
 * ends call ResetTimer.
 *
 * It checks that every connection survived: no error close at either end,
 * the received stream intact, and bytes delivered after the move. It prints
 * one CSV row (--csv appends it to a file): wall time of set-up, of the
 * simulation, of the UpdateTcb loop and from the address change to the last
 * confirmation (wall clock), the simulated time until the last connection
 * was confirmed and until it delivered its first byte, and the peak
 * resident memory (getrusage ru_maxrss). With --handover=false the same
 * run goes without the address change (a baseline: what the N streams cost
 * by themselves). bench/handover-scaling.py runs it once per N and variant
 * (one process each, so ru_maxrss is per run) and fits lines.
 *
 *     ./build/bench/handover-scaling --connections=100
 *     ./build/bench/handover-scaling --connections=1000 --csv=scaling.csv
 *     ./build/bench/handover-scaling --PrintHelp
 */

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/mobisocket-module.h"
#include "ns3/network-module.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <string>
#include <sys/resource.h>
#include <vector>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("MobiSocketHandoverScaling");

namespace
{

/**
 * \ingroup mobisocket-bench
 * \return seconds on a monotonic clock
 */
double
WallNow()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

/**
 * \ingroup mobisocket-bench
 * \brief The N connections, their keys, and what happened to them.
 */
class ScalingRun
{
  public:
    /**
     * \brief Set up N connections on the test bed.
     * \param topology the test bed (Internet stack installed)
     * \param mobi the configured helper, installed on both hosts
     * \param connections N
     * \param streamRate per-connection stream rate
     * \param chunkBytes bytes per application write
     * \param inBand in-band signalling (else application signalling)
     * \param appDelay with application signalling, when the CH is updated
     */
    ScalingRun(WiredHandoverTopology& topology,
               MobiSocketHelper& mobi,
               uint32_t connections,
               DataRate streamRate,
               uint32_t chunkBytes,
               bool inBand,
               Time appDelay)
        : m_inBand(inBand),
          m_appDelay(appDelay),
          m_mhSockets(connections),
          m_chSockets(connections),
          m_bytesAtMove(connections, 0),
          m_resumed(connections, false)
    {
        m_mhKeys = mobi.GenerateKeyPair();
        m_chKeys = mobi.GenerateKeyPair();
        Ptr<Node> mh = topology.GetHost(WiredHandoverTopology::MH);
        Ptr<Node> ch = topology.GetHost(WiredHandoverTopology::CH);
        Ipv4Address chAddress = topology.GetAddress(WiredHandoverTopology::CH, 0);
        for (uint32_t i = 0; i < connections; ++i)
        {
            uint16_t port = static_cast<uint16_t>(FIRST_PORT + i);
            Ptr<IntegrityApplication> receiver = CreateObject<IntegrityApplication>();
            receiver->SetAttribute("Protocol", TypeIdValue(MobiSocketFactory::GetTypeId()));
            receiver->SetAttribute("Local",
                                   AddressValue(InetSocketAddress(Ipv4Address::GetAny(), port)));
            ch->AddApplication(receiver);
            receiver->SetStartTime(Seconds(0));
            receiver->TraceConnectWithoutContext(
                "Connected",
                MakeCallback(&ScalingRun::ChConnected, this).Bind(i));
            receiver->TraceConnectWithoutContext("Rx", MakeCallback(&ScalingRun::Rx, this).Bind(i));

            Ptr<IntegrityApplication> sender = CreateObject<IntegrityApplication>();
            sender->SetAttribute("Protocol", TypeIdValue(MobiSocketFactory::GetTypeId()));
            sender->SetAttribute("Remote", AddressValue(InetSocketAddress(chAddress, port)));
            sender->SetAttribute("DataRate", DataRateValue(streamRate));
            sender->SetAttribute("ChunkBytes", UintegerValue(chunkBytes));
            sender->SetAttribute("SendBytes", UintegerValue(uint64_t(1) << 40));
            mh->AddApplication(sender);
            // Spread the connection set-ups a little (50 us apart).
            sender->SetStartTime(Seconds(0.1) + MicroSeconds(50) * i);
            sender->TraceConnectWithoutContext(
                "Connected",
                MakeCallback(&ScalingRun::MhConnected, this).Bind(i));

            m_senders.push_back(sender);
            m_receivers.push_back(receiver);
        }
        topology.SetAddressChangeCallback(MakeCallback(&ScalingRun::AddressChanged, this));
    }

    static constexpr uint16_t FIRST_PORT = 5001; //!< CH port of connection 0

    std::vector<Ptr<IntegrityApplication>> m_senders;   //!< MH side, one per connection
    std::vector<Ptr<IntegrityApplication>> m_receivers; //!< CH side, one per connection
    double m_moveWall{0};                               //!< wall clock at the address change
    double m_updateLoopWall{0};                         //!< wall time of the UpdateTcb loop
    double m_lastConfirmWall{0};                        //!< wall clock at the last confirmation
    Time m_moveTime;                                    //!< simulation time of the change
    Time m_lastConfirm;                                 //!< last ChangeConfirmed (or CH update)
    Time m_lastResume;                                  //!< last first-byte-after-move
    uint32_t m_confirmed{0};                            //!< connections confirmed
    uint32_t m_updateFailures{0};                       //!< UpdateTcb calls that failed
    uint32_t m_resumedCount{0};                         //!< connections with data after the move
    bool m_moved{false};                                //!< the change happened

    /**
     * \param i connection index
     * \return the MH's socket of connection i (null if it never connected)
     */
    Ptr<MobiSocket> MhSocket(uint32_t i) const
    {
        return m_mhSockets[i];
    }

    /**
     * \param i connection index
     * \return true if connection i delivered data after the address change
     */
    bool HasResumed(uint32_t i) const
    {
        return m_resumed[i];
    }

  private:
    /**
     * \brief MH side connected: hand it the keys, watch its confirmations.
     * \param i connection index
     * \param socket the socket
     */
    void MhConnected(uint32_t i, Ptr<Socket> socket)
    {
        Ptr<MobiSocket> s = DynamicCast<MobiSocket>(socket);
        s->SetLocalKeyPair(m_mhKeys);
        s->SetPeerPublicKey(m_chKeys.publicKey);
        s->TraceConnectWithoutContext("ChangeConfirmed",
                                      MakeCallback(&ScalingRun::Confirmed, this));
        m_mhSockets[i] = s;
    }

    /**
     * \brief CH side accepted: hand it the keys.
     * \param i connection index
     * \param socket the socket
     */
    void ChConnected(uint32_t i, Ptr<Socket> socket)
    {
        Ptr<MobiSocket> s = DynamicCast<MobiSocket>(socket);
        s->SetLocalKeyPair(m_chKeys);
        s->SetPeerPublicKey(m_mhKeys.publicKey);
        m_chSockets[i] = s;
    }

    /// A connection's change was confirmed by the CH (in-band).
    void Confirmed()
    {
        ++m_confirmed;
        m_lastConfirm = Simulator::Now();
        m_lastConfirmWall = WallNow();
    }

    /**
     * \brief Data reached the CH application.
     * \param i connection index
     * \param packet the data
     * \param offset its stream offset
     */
    void Rx(uint32_t i, Ptr<const Packet> packet, uint64_t offset)
    {
        if (m_moved && !m_resumed[i] && offset >= m_bytesAtMove[i])
        {
            m_resumed[i] = true;
            ++m_resumedCount;
            m_lastResume = Simulator::Now();
        }
    }

    /**
     * \brief The MH has its new address: update every connection at once.
     * \param host the host that moved
     * \param oldAddress its old address
     * \param newAddress its new address
     */
    void AddressChanged(uint32_t host, Ipv4Address oldAddress, Ipv4Address newAddress)
    {
        m_moved = true;
        m_moveTime = Simulator::Now();
        m_moveWall = WallNow();
        for (uint32_t i = 0; i < m_receivers.size(); ++i)
        {
            m_bytesAtMove[i] = m_receivers[i]->GetBytesReceived();
        }
        for (const auto& s : m_mhSockets)
        {
            if (!s || s->UpdateTcb(MobiSocket::SOURCE, InetSocketAddress(newAddress, 0)) != 0)
            {
                ++m_updateFailures;
            }
        }
        m_updateLoopWall = WallNow() - m_moveWall;
        if (!m_inBand)
        {
            Simulator::Schedule(m_appDelay, &ScalingRun::UpdatePeers, this, newAddress);
        }
    }

    /**
     * \brief Application signalling: the CH learnt the new address.
     * \param newAddress the MH's new address
     */
    void UpdatePeers(Ipv4Address newAddress)
    {
        for (uint32_t i = 0; i < m_chSockets.size(); ++i)
        {
            if (!m_chSockets[i] || !m_mhSockets[i] ||
                m_chSockets[i]->UpdateTcb(MobiSocket::DESTINATION,
                                          InetSocketAddress(newAddress, 0)) != 0)
            {
                ++m_updateFailures;
                continue;
            }
            m_chSockets[i]->ResetTimer();
            m_mhSockets[i]->ResetTimer();
            ++m_confirmed;
        }
        m_lastConfirm = Simulator::Now();
        m_lastConfirmWall = WallNow();
    }

    bool m_inBand;                            //!< in-band signalling
    Time m_appDelay;                          //!< application signalling delay
    Ed25519KeyPair m_mhKeys;                  //!< MH's key pair
    Ed25519KeyPair m_chKeys;                  //!< CH's key pair
    std::vector<Ptr<MobiSocket>> m_mhSockets; //!< MH's connected sockets
    std::vector<Ptr<MobiSocket>> m_chSockets; //!< CH's accepted sockets
    std::vector<uint64_t> m_bytesAtMove;      //!< CH bytes per connection at the change
    std::vector<bool> m_resumed;              //!< data after the change, per connection
};

} // namespace

int
main(int argc, char* argv[])
{
    double wallStart = WallNow();
    uint32_t connections = 100;
    std::string signalling = "inband";
    std::string rate = "1Gbps";
    double delayMs = 5;
    double streamKbps = 100;
    uint32_t chunkBytes = 500;
    double moveAt = 2.0;
    double outage = 0.5;
    double settle = 5.0;
    uint32_t queuePackets = 100000;
    bool handover = true;
    double appSignallingDelayMs = 40;
    std::string csv;

    CommandLine cmd(__FILE__);
    cmd.Usage("Handover scaling: N MobiSocket connections between one MH and one CH, all "
              "handed over by one address change of the MH; checks every connection survived "
              "and prints wall time and peak memory.");
    cmd.AddValue("connections", "Number of connections N", connections);
    cmd.AddValue("signalling", "inband (AddChange/AddConfirm) or application", signalling);
    cmd.AddValue("rate", "Data rate of every link", rate);
    cmd.AddValue("delayMs", "One-way delay of every link (ms)", delayMs);
    cmd.AddValue("streamKbps", "Stream rate of each connection (kb/s)", streamKbps);
    cmd.AddValue("chunkBytes", "Bytes per application write", chunkBytes);
    cmd.AddValue("moveAt", "When the MH's access link fails (s)", moveAt);
    cmd.AddValue("outage", "Time until the MH has its new address (s)", outage);
    cmd.AddValue("settle", "Simulated time after the new address until the end (s)", settle);
    cmd.AddValue("queuePackets",
                 "Device queue size (packets), large so that the burst after the move is "
                 "not dropped",
                 queuePackets);
    cmd.AddValue("appSignallingDelay",
                 "With --signalling=application, delay before the CH updates (ms)",
                 appSignallingDelayMs);
    cmd.AddValue("handover",
                 "Move the MH (false: the same run without the address change, a baseline)",
                 handover);
    cmd.AddValue("csv", "Append the result row to this CSV file (header if new)", csv);
    cmd.Parse(argc, argv);

    if (signalling != "inband" && signalling != "application")
    {
        std::cerr << "--signalling must be inband or application" << std::endl;
        return 2;
    }
    if (connections == 0 || connections > 60000)
    {
        std::cerr << "--connections must be between 1 and 60000" << std::endl;
        return 2;
    }
    bool inBand = signalling == "inband";

    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1448));
    Config::SetDefault("ns3::DropTailQueue<Packet>::MaxSize",
                       QueueSizeValue(QueueSize(QueueSizeUnit::PACKETS, queuePackets)));

    WiredHandoverTopology topology(DataRate(rate), MilliSeconds(delayMs));
    MobiSocketHelper mobi;
    mobi.SetSocketAttribute("MobilityEnabled", BooleanValue(true));
    mobi.SetSocketAttribute("Signalling",
                            EnumValue(inBand ? MobiSocket::IN_BAND : MobiSocket::APPLICATION));
    mobi.Install(topology.GetHosts());
    mobi.AssignStreams(topology.GetHosts(), 1000);
    ScalingRun run(topology,
                   mobi,
                   connections,
                   DataRate(static_cast<uint64_t>(streamKbps * 1000)),
                   chunkBytes,
                   inBand,
                   MilliSeconds(appSignallingDelayMs));
    if (handover)
    {
        topology.ScheduleHandover(WiredHandoverTopology::MH, Seconds(moveAt), Seconds(outage));
    }
    Time stop = Seconds(moveAt + outage + settle);
    Simulator::Stop(stop);
    double setupWall = WallNow() - wallStart;

    double runStart = WallNow();
    Simulator::Run();
    double runWall = WallNow() - runStart;

    // Check every connection.
    uint32_t survived = 0;
    uint32_t mobile = 0;
    uint64_t bytesTotal = 0;
    for (uint32_t i = 0; i < connections; ++i)
    {
        Ptr<IntegrityApplication> sender = run.m_senders[i];
        Ptr<IntegrityApplication> receiver = run.m_receivers[i];
        Ptr<MobiSocket> socket = run.MhSocket(i);
        if (socket && socket->IsMobilityActive())
        {
            ++mobile;
        }
        bytesTotal += receiver->GetBytesReceived();
        bool delivered = handover ? run.HasResumed(i) : receiver->GetBytesReceived() > 0;
        bool ok = socket && !sender->HasFailed() && !receiver->HasFailed() &&
                  receiver->IsIntact() && delivered;
        if (ok)
        {
            ++survived;
        }
    }
    uint32_t resumed = run.m_resumedCount;
    bool allOk =
        survived == connections && run.m_updateFailures == 0 &&
        (!handover || (run.m_moved && resumed == connections && run.m_confirmed == connections));

    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    long maxRssKb = usage.ru_maxrss;
    double handoverWall =
        run.m_confirmed > 0 ? run.m_lastConfirmWall - run.m_moveWall : std::nan("");
    double lastConfirm =
        run.m_confirmed > 0 ? (run.m_lastConfirm - run.m_moveTime).GetSeconds() : std::nan("");
    double lastResume =
        resumed > 0 ? (run.m_lastResume - run.m_moveTime).GetSeconds() : std::nan("");
    Simulator::Destroy();
    double totalWall = WallNow() - wallStart;

    std::ostringstream header;
    std::ostringstream row;
    header
        << "connections,handover,signalling,mobile,confirmed,update_failures,resumed,survived,ok,"
           "bytes_delivered,last_confirm_sim_s,last_resume_sim_s,setup_wall_s,run_wall_s,"
           "update_loop_wall_s,handover_wall_s,total_wall_s,maxrss_kb";
    row << connections << "," << (handover ? 1 : 0) << "," << signalling << "," << mobile << ","
        << run.m_confirmed << "," << run.m_updateFailures << "," << resumed << "," << survived
        << "," << (allOk ? 1 : 0) << "," << bytesTotal << "," << std::setprecision(9) << lastConfirm
        << "," << lastResume << "," << setupWall << "," << runWall << "," << run.m_updateLoopWall
        << "," << handoverWall << "," << totalWall << "," << maxRssKb;
    std::cout << header.str() << "\n" << row.str() << std::endl;
    std::cout << connections << " connections" << (handover ? "" : " (no handover)") << ": "
              << survived << " survived, " << resumed << " delivered data after the move, "
              << run.m_confirmed << " confirmed; " << (allOk ? "all OK" : "FAILURES") << "; wall "
              << std::setprecision(3) << totalWall << " s, peak RSS " << maxRssKb / 1024.0 << " MiB"
              << std::endl;

    if (!csv.empty())
    {
        bool fresh = !std::ifstream(csv).good();
        std::ofstream out(csv, std::ios::app);
        if (fresh)
        {
            out << header.str() << "\n";
        }
        out << row.str() << "\n";
    }
    return allOk ? 0 : 1;
}
