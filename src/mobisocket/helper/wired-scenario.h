/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef WIRED_SCENARIO_H
#define WIRED_SCENARIO_H

#include "handover-timeline.h"
#include "mobility-scheme.h"
#include "scenario-parameters.h"
#include "scenario-result.h"
#include "scoped-attribute-defaults.h"
#include "wired-handover-topology.h"

#include "ns3/command-line.h"

#include <memory>
#include <string>
#include <vector>

namespace ns3
{

class ChangeAttacker;
class IntegrityApplication;

/**
 * \ingroup mobisocket
 * \brief Address changes on the wired test bed (WiredHandoverTopology: MH -
 *        R - CH, two access links per host), as one reusable experiment
 *        shaped like HandoverScenario: Parameters -> Run() -> Result.
 *
 * N checked connections (IntegrityApplication at both ends, bulk or
 * constant rate) run between the MH and the CH; a host's access link fails
 * at its move time and it gets its address on its other link after an
 * outage; the chosen scheme (MobilityScheme) reacts. Without DHCP or WiFi
 * the timing is exact, which makes it the bed of the module's exact tests
 * and of the benchmarks.
 *
 * The scenario can also be driven step by step: construct it (topology,
 * scheme chosen, applications configured), reach into it (GetTopology(),
 * GetApplication(), GetScheme()) to schedule more events or connect traces,
 * then Run(). The wired example, the test support (WiredRun) and the
 * benchmarks are thin callers of it.
 */
class WiredScenario
{
  public:
    /// Every knob of the wired scenario (the scheme's first).
    struct Parameters : public SchemeParameters, public ParameterSet<Parameters>
    {
        // Connections
        uint32_t connections{1};       //!< MH-CH connections (one CH port each)
        uint64_t mhSendBytes{2000000}; //!< bytes the MH sends on each connection
        uint64_t chSendBytes{0};       //!< bytes the CH sends on each connection
        double streamKbps{0};          //!< constant rate per connection (0: bulk)
        uint32_t chunkBytes{1448};     //!< bytes per application write
        uint32_t segmentBytes{536};    //!< TCP segment size
        bool mhConnects{true};         //!< the MH opens the connections (else the CH)
        double startS{0.1};            //!< when the first connection opens
        double connectSpacingUs{50};   //!< between connection openings
        bool mhMobile{true};           //!< the MH uses the scheme's sockets (else plain TCP)
        bool chMobile{true};           //!< the CH uses the scheme's sockets (else plain TCP)
        bool activate{true};           //!< MobiSocket: activate mobility on the sockets
        bool giveKeys{true};           //!< MobiSocket in band: hand each end its key pair
        bool givePeerKeys{true};       //!< and the peer's public key
        bool demuxOnPlainTcp{false};   //!< protocol=tcp: install MobiSocketHelper all the same
        // Topology
        double linkRateMbps{10};  //!< rate of every link
        double linkDelayMs{5};    //!< one-way delay of every link
        uint32_t queuePackets{0}; //!< device queue size (0: ns-3's default)
        // Moves
        double mhMoveAtS{-1};   //!< when the MH's access link fails (< 0: it does not move)
        double mhOutageS{0.5};  //!< until it has its new address
        double chMoveAtS{-1};   //!< when the CH's access link fails (< 0: it does not move)
        double chOutageS{0.5};  //!< until it has its new address
        bool followMoves{true}; //!< the scheme follows the hosts' address changes
        // Attacker (a node on its own link to the router; the CH is the victim)
        std::string attacker{"none"}; //!< none, off-path or on-path
        std::string attack{"forge"};  //!< forge, or replay (on-path)
        double attackRatePerS{10};    //!< messages per second
        double attackStartS{1};       //!< when the attacker starts
        double attackStopS{-1};       //!< when it stops (< 0: at the end)
        // Run control and output
        double simTimeS{12};      //!< simulated time
        double goodputBinMs{100}; //!< goodput time-series bin
        std::string outputDir;    //!< folder for the files ("": none)
        uint32_t rngRun{1};       //!< ns-3 RngRun (parameter "RngRun")
        uint32_t rngSeed{1};      //!< ns-3 RngSeed (parameter "RngSeed")

        /// \return "" if all are valid, else a message naming the first bad parameter
        std::string Validate() const;

        /**
         * \brief The one list of parameters, their names and help texts.
         * \param p the parameters (const or not)
         * \param visit the visitor
         */
        template <class P, class V>
        static void VisitFields(P& p, V& visit);
    };

    /// What a run returns.
    using Result = ScenarioResult;

    /**
     * \brief Build the test bed, choose the scheme and configure the
     *        applications (nothing runs yet). The parameters must pass
     *        Validate(). ns-3's attributes are not reset: Config::SetDefault
     *        made before takes effect.
     * \param parameters the scenario
     */
    explicit WiredScenario(const Parameters& parameters);
    ~WiredScenario();

    /// \return the parameters (the scheme reads them when it acts: change them before)
    Parameters& GetParameters();

    /// \return the test bed
    WiredHandoverTopology& GetTopology();

    /// \return the scheme
    MobilityScheme& GetScheme();

    /// \return the timeline the scheme's exchanges are watched on
    HandoverTimeline& GetTimeline();

    /**
     * \param host a host
     * \param connection a connection index
     * \return that host's application of that connection
     */
    Ptr<IntegrityApplication> GetApplication(Host host, uint32_t connection = 0) const;

    /**
     * \brief Install the scheme on both hosts (Run() does it when it has
     *        not been done; idempotent).
     */
    void InstallScheme();

    /**
     * \brief Let the scheme and the timeline follow the hosts' link losses
     *        and address changes (the construction does it with followMoves).
     */
    void FollowMoves();

    /**
     * \brief A host's link failed: the timeline and the scheme learn it
     *        (what FollowMoves() connects to the topology).
     * \param host the host index (WiredHandoverTopology::Host)
     */
    void NotifyLinkLost(uint32_t host);

    /**
     * \brief A host has a new address: the timeline and the scheme learn it
     *        (what FollowMoves() connects to the topology).
     * \param host the host index (WiredHandoverTopology::Host)
     * \param oldAddress its old address
     * \param newAddress its new address
     */
    void NotifyAddressChanged(uint32_t host, Ipv4Address oldAddress, Ipv4Address newAddress);

    /**
     * \brief Run the simulation to simTimeS and collect the measurements
     *        (the caller destroys the simulator).
     * \return the measurements
     */
    Result Run();

    /**
     * \brief Run one scenario in this process: sets the seeds, builds,
     *        runs, collects and destroys the simulator, and writes the files
     *        when outputDir is set. Attribute defaults in force apply; those
     *        the scenario sets from its parameters are put back after it.
     * \param parameters the scenario (must pass Validate())
     * \return the measurements
     */
    static Result Run(const Parameters& parameters);

  private:
    /// Make the applications of every connection.
    void CreateApplications();

    /**
     * \brief A connection end is up.
     * \param host its host
     * \param socket its socket
     */
    void Connected(Host host, Ptr<Socket> socket);

    /**
     * \param result where to put the applications' totals and the verdict
     */
    void CollectApplications(Result& result) const;

    /// Put the attacker on its node, aimed at the CH's connection (after the scheme's Install).
    void InstallAttacker();

    /**
     * \brief Watch a CH socket for a redirection to the attacker.
     * \param socket the socket
     */
    void WatchForHijack(Ptr<Socket> socket);

    /// \param result where to put the attacker's figures
    void CollectAttack(Result& result) const;

    Parameters m_p;                     //!< the parameters
    ScopedAttributeDefaults m_defaults; //!< what the scenario sets; destroyed last of its objects
    std::unique_ptr<WiredHandoverTopology> m_topology; //!< the test bed
    Ptr<MobilityScheme> m_scheme;                      //!< keeps (or not) the connections
    HandoverTimeline m_timeline;                       //!< measurements
    bool m_installed{false};                           //!< InstallScheme() ran
    std::vector<Ptr<IntegrityApplication>> m_mhApps;   //!< per connection
    std::vector<Ptr<IntegrityApplication>> m_chApps;   //!< per connection
    uint32_t m_opened{0};                              //!< MH ends connected
    Ptr<ChangeAttacker> m_attacker;                    //!< the attacker, if any
    Time m_hijackedAt{Time::Max()};                    //!< first redirection to the attacker
};

template <class P, class V>
void
WiredScenario::Parameters::VisitFields(P& p, V& visit)
{
    SchemeParameters::VisitFields(p, visit);
    visit("connections", "Connections between the MH and the CH", p.connections);
    visit("mhSendBytes", "Bytes the MH sends on each connection", p.mhSendBytes);
    visit("chSendBytes", "Bytes the CH sends on each connection", p.chSendBytes);
    visit("streamKbps", "Constant rate of each connection (kb/s; 0: bulk)", p.streamKbps);
    visit("chunkBytes", "Bytes per application write", p.chunkBytes);
    visit("segmentBytes", "TCP segment size (bytes)", p.segmentBytes);
    visit("mhConnects", "The MH opens the connections (false: the CH does)", p.mhConnects);
    visit("startS", "When the first connection opens (s)", p.startS);
    visit("connectSpacingUs", "Time between connection openings (us)", p.connectSpacingUs);
    visit("mhMobile", "The MH uses the scheme's sockets (false: plain TCP)", p.mhMobile);
    visit("chMobile", "The CH uses the scheme's sockets (false: plain TCP)", p.chMobile);
    visit("activate", "MobiSocket: activate mobility on the sockets", p.activate);
    visit("giveKeys", "MobiSocket in band: hand each end its key pair", p.giveKeys);
    visit("givePeerKeys", "MobiSocket in band: and the peer's public key", p.givePeerKeys);
    visit("demuxOnPlainTcp",
          "protocol=tcp: install MobiSocketHelper (demux, factory) all the same",
          p.demuxOnPlainTcp);
    visit("linkRateMbps", "Rate of every link (Mb/s)", p.linkRateMbps);
    visit("linkDelayMs", "One-way delay of every link (ms)", p.linkDelayMs);
    visit("queuePackets", "Device queue size (packets; 0: ns-3's default)", p.queuePackets);
    visit("mhMoveAtS", "When the MH's access link fails (s; < 0: no move)", p.mhMoveAtS);
    visit("mhOutageS", "Until the MH has its new address (s)", p.mhOutageS);
    visit("chMoveAtS", "When the CH's access link fails (s; < 0: no move)", p.chMoveAtS);
    visit("chOutageS", "Until the CH has its new address (s)", p.chOutageS);
    visit("followMoves", "The scheme follows the hosts' address changes", p.followMoves);
    visit("attacker",
          "An attacker redirecting the CH's connection to itself: none, off-path (guesses the "
          "token and sequence) or on-path (sees what the router forwards, receives and sends)",
          p.attacker);
    visit("attack",
          "What the attacker sends: forge (fresh updates naming its address) or replay (the "
          "last genuine update, from its address; on-path)",
          p.attack);
    visit("attackRatePerS", "Attacker's messages per second", p.attackRatePerS);
    visit("attackStartS", "When the attacker starts (s)", p.attackStartS);
    visit("attackStopS", "When the attacker stops (s; < 0: at the end)", p.attackStopS);
    visit("simTimeS", "Simulated time (s)", p.simTimeS);
    visit("goodputBinMs", "Goodput time-series bin (ms)", p.goodputBinMs);
    visit("outputDir", "Folder for timeline/goodput/summary files (empty: none)", p.outputDir);
    visit("RngRun", "ns-3 run number (RngRun)", p.rngRun);
    visit("RngSeed", "ns-3 seed (RngSeed)", p.rngSeed);
}

} // namespace ns3

#endif /* WIRED_SCENARIO_H */
