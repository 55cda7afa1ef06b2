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
 * A WiredScenario (the wired test bed) with --connections MobiSocket
 * connections from the mobile host (MH) to the correspondent host (CH), one
 * per CH port, each carrying a constant-rate checked stream
 * (IntegrityApplication, --streamKbps in --chunkBytes writes). At
 * --mhMoveAtS the MH's access link fails; after --mhOutageS the MH has its
 * address on the other subnet and the scheme updates every connection at
 * once. With --signalling=inband (default) each socket sends a signed
 * AddChange (per-host Ed25519 keys), the CH verifies it, updates and
 * confirms; with --signalling=application the CH's sockets are updated
 * --appSignallingDelayMs later and both ends call ResetTimer. Every
 * scenario parameter is a flag (--PrintHelp).
 *
 * It checks that every connection survived: no error close at either end,
 * the received stream intact, and bytes delivered after the move. It prints
 * one CSV row (--csv appends it to a file): wall time of set-up, of the
 * simulation, of the scheme's reaction to the address change and from the
 * address change to the last confirmation (wall clock), the simulated time
 * until the last connection was confirmed and until it delivered its first
 * byte, and the peak resident memory (getrusage ru_maxrss). With
 * --handover=false the same run goes without the address change (a
 * baseline: what the N streams cost by themselves). bench/handover-scaling.py
 * runs it once per N and variant (one process each, so ru_maxrss is per run)
 * and fits lines.
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
 * \brief What happened to the N connections of a WiredScenario.
 */
class ScalingWatch
{
  public:
    /**
     * \brief Watch every connection of a scenario (before it runs).
     * \param scenario the scenario
     */
    explicit ScalingWatch(WiredScenario& scenario)
        : m_scenario(scenario)
    {
        uint32_t n = scenario.GetParameters().connections;
        m_bytesAtMove.assign(n, 0);
        m_resumed.assign(n, false);
        bool inBand = scenario.GetParameters().signalling == "inband";
        for (uint32_t i = 0; i < n; ++i)
        {
            Ptr<IntegrityApplication> ch = scenario.GetApplication(Host::CH, i);
            ch->TraceConnectWithoutContext("Rx", MakeCallback(&ScalingWatch::Rx, this).Bind(i));
            // In band the MH's AddConfirm completes a change; with application
            // signalling, the CH's update does.
            (inBand ? scenario.GetApplication(Host::MH, i) : ch)
                ->TraceConnectWithoutContext(
                    "Connected",
                    MakeCallback(inBand ? &ScalingWatch::MhConnected : &ScalingWatch::ChConnected,
                                 this));
        }
        // Timed wrapper around the scenario's own reaction to the move.
        scenario.GetTopology().SetAddressChangeCallback(
            MakeCallback(&ScalingWatch::AddressChanged, this));
    }

    double m_moveWall{0};        //!< wall clock at the address change
    double m_updateLoopWall{0};  //!< wall time of the scheme's reaction
    double m_lastConfirmWall{0}; //!< wall clock at the last confirmation
    Time m_moveTime;             //!< simulation time of the change
    Time m_lastConfirm;          //!< last confirmation
    Time m_lastResume;           //!< last first-byte-after-move
    uint32_t m_confirmed{0};     //!< confirmations (in band: AddConfirm; else the peer's update)
    uint32_t m_failures{0};      //!< changes that failed (UpdateTcb refused, not confirmed)
    uint32_t m_resumedCount{0};  //!< connections with data after the move
    bool m_moved{false};         //!< the change happened

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
     * \brief An MH end connected: count its confirmations.
     * \param socket the socket
     */
    void MhConnected(Ptr<Socket> socket)
    {
        Ptr<MobiSocket> s = DynamicCast<MobiSocket>(socket);
        if (s)
        {
            s->GetExchange()->TraceConnectWithoutContext(
                "ConfirmAccepted",
                MakeCallback(&ScalingWatch::Confirmed, this));
            s->GetExchange()->TraceConnectWithoutContext("Failed",
                                                         MakeCallback(&ScalingWatch::Failed, this));
        }
    }

    /**
     * \brief A CH end connected: count its updates (application signalling).
     * \param socket the socket
     */
    void ChConnected(Ptr<Socket> socket)
    {
        socket->TraceConnectWithoutContext("TcbUpdated",
                                           MakeCallback(&ScalingWatch::PeerUpdated, this));
    }

    /**
     * \brief A connection's change was confirmed.
     * \param h ignored
     */
    void Confirmed(const AddressConfirmHeader& h)
    {
        Complete();
    }

    /**
     * \brief The CH rewrote a connection's peer (application signalling).
     * \param direction which end changed
     * \param before the old address
     * \param after the new address
     */
    void PeerUpdated(RelocatableTcpSocket::Direction direction,
                     const Address& before,
                     const Address& after)
    {
        if (direction == RelocatableTcpSocket::DESTINATION)
        {
            Complete();
        }
    }

    /// One more connection's change completed.
    void Complete()
    {
        ++m_confirmed;
        m_lastConfirm = Simulator::Now();
        m_lastConfirmWall = WallNow();
    }

    /**
     * \brief A change failed.
     * \param sequence ignored
     * \param reason ignored
     */
    void Failed(uint32_t sequence, ChangeFailReason reason)
    {
        ++m_failures;
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
     * \brief The MH has its new address: time the scheme's reaction.
     * \param host the host that moved
     * \param oldAddress its old address
     * \param newAddress its new address
     */
    void AddressChanged(uint32_t host, Ipv4Address oldAddress, Ipv4Address newAddress)
    {
        m_moved = true;
        m_moveTime = Simulator::Now();
        m_moveWall = WallNow();
        for (uint32_t i = 0; i < m_bytesAtMove.size(); ++i)
        {
            m_bytesAtMove[i] = m_scenario.GetApplication(Host::CH, i)->GetBytesReceived();
        }
        m_scenario.NotifyAddressChanged(host, oldAddress, newAddress);
        m_updateLoopWall = WallNow() - m_moveWall;
    }

    WiredScenario& m_scenario;           //!< the scenario
    std::vector<uint64_t> m_bytesAtMove; //!< CH bytes per connection at the change
    std::vector<bool> m_resumed;         //!< data after the change, per connection
};

} // namespace

int
main(int argc, char* argv[])
{
    double wallStart = WallNow();
    WiredScenario::Parameters p;
    p.connections = 100;
    p.signalling = "inband";
    p.linkRateMbps = 1000;
    p.linkDelayMs = 5;
    p.streamKbps = 100;
    p.chunkBytes = 500;
    p.mhSendBytes = uint64_t(1) << 40;
    p.segmentBytes = 1448;
    p.queuePackets = 100000; // large, so that the burst after the move is not dropped
    p.mhMoveAtS = 2;
    p.mhOutageS = 0.5;
    double settle = 5.0;
    bool handover = true;
    std::string csv;

    CommandLine cmd(__FILE__);
    cmd.Usage("Handover scaling: N MobiSocket connections between one MH and one CH, all "
              "handed over by one address change of the MH; checks every connection survived "
              "and prints wall time and peak memory.");
    p.AddToCommandLine(cmd);
    cmd.AddValue("settle", "Simulated time after the new address until the end (s)", settle);
    cmd.AddValue("handover",
                 "Move the MH (false: the same run without the address change, a baseline)",
                 handover);
    cmd.AddValue("csv", "Append the result row to this CSV file (header if new)", csv);
    cmd.Parse(argc, argv);
    p.simTimeS = p.mhMoveAtS + p.mhOutageS + settle;
    if (!handover)
    {
        p.mhMoveAtS = -1;
    }
    std::string error = p.Validate();
    if (error.empty() && p.protocol != "mobisocket")
    {
        error = "parameter 'protocol' must be mobisocket (N MobiSocket connections)";
    }
    if (!error.empty())
    {
        std::cerr << error << std::endl;
        return 2;
    }
    uint32_t connections = p.connections;

    WiredScenario scenario(p);
    ScalingWatch run(scenario);
    scenario.InstallScheme();
    double setupWall = WallNow() - wallStart;

    double runStart = WallNow();
    WiredScenario::Result result = scenario.Run();
    double runWall = WallNow() - runStart;

    // Check every connection.
    uint32_t survived = 0;
    uint32_t mobile = 0;
    for (uint32_t i = 0; i < connections; ++i)
    {
        Ptr<IntegrityApplication> sender = scenario.GetApplication(Host::MH, i);
        Ptr<IntegrityApplication> receiver = scenario.GetApplication(Host::CH, i);
        Ptr<MobiSocket> socket = DynamicCast<MobiSocket>(sender->GetSocket());
        if (socket && socket->IsMobilityActive())
        {
            ++mobile;
        }
        bool delivered = handover ? run.HasResumed(i) : receiver->GetBytesReceived() > 0;
        bool ok = socket && !sender->HasFailed() && !receiver->HasFailed() &&
                  receiver->IsIntact() && delivered;
        survived += ok ? 1 : 0;
    }
    uint32_t confirmed = run.m_confirmed;
    uint32_t resumed = run.m_resumedCount;
    bool allOk = survived == connections && run.m_failures == 0 &&
                 (!handover || (run.m_moved && resumed == connections && confirmed == connections));

    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    long maxRssKb = usage.ru_maxrss;
    double handoverWall = confirmed > 0 ? run.m_lastConfirmWall - run.m_moveWall : std::nan("");
    double lastConfirm =
        confirmed > 0 ? (run.m_lastConfirm - run.m_moveTime).GetSeconds() : std::nan("");
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
    row << connections << "," << (handover ? 1 : 0) << "," << p.signalling << "," << mobile << ","
        << confirmed << "," << run.m_failures << "," << resumed << "," << survived << ","
        << (allOk ? 1 : 0) << "," << result.uplinkBytes << "," << std::setprecision(9)
        << lastConfirm << "," << lastResume << "," << setupWall << "," << runWall << ","
        << run.m_updateLoopWall << "," << handoverWall << "," << totalWall << "," << maxRssKb;
    std::cout << header.str() << "\n" << row.str() << std::endl;
    std::cout << connections << " connections" << (handover ? "" : " (no handover)") << ": "
              << survived << " survived, " << resumed << " delivered data after the move, "
              << confirmed << " confirmed; " << (allOk ? "all OK" : "FAILURES") << "; wall "
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
