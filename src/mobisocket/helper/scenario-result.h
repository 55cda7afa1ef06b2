/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCENARIO_RESULT_H
#define SCENARIO_RESULT_H

#include <cstdint>
#include <limits>
#include <map>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup mobisocket
 * \brief The two ends of a scenario's connection.
 */
enum class Host : uint8_t
{
    MH = 0, //!< the mobile host
    CH = 1  //!< the correspondent host (which may move too)
};

/// Both hosts, in index order.
constexpr Host HOSTS[] = {Host::MH, Host::CH};

/**
 * \param host a host
 * \return its name, "MH" or "CH"
 */
const char* HostName(Host host);

/**
 * \param host a host
 * \return the other end
 */
Host PeerOf(Host host);

/**
 * \param host a host
 * \return its index (MH 0, CH 1)
 */
constexpr std::size_t
IndexOf(Host host)
{
    return static_cast<std::size_t>(host);
}

/**
 * \param os output stream
 * \param host a host
 * \return os, with the host's name
 */
std::ostream& operator<<(std::ostream& os, Host host);

/**
 * \ingroup mobisocket
 * \brief What became of one handover (see ScenarioResult::verdict for the rule).
 */
enum class HandoverOutcome : uint8_t
{
    RESUMED = 0,    //!< application data flowed again after its address change
    SUPERSEDED = 1, //!< another handover of the host began before the data resumed
    UNRESOLVED = 2, //!< the run ended before the scheme had finished or given up
    LOST = 3        //!< the connection did not recover from it
};

/**
 * \param outcome an outcome
 * \return its name ("resumed", "superseded", "unresolved", "lost")
 */
const char* GetOutcomeName(HandoverOutcome outcome);

/**
 * \brief Stream an outcome by its name.
 * \param os the stream
 * \param outcome the outcome
 * \return os
 */
std::ostream& operator<<(std::ostream& os, HandoverOutcome outcome);

/**
 * \ingroup mobisocket
 * \brief Whether a run's connections survived.
 */
enum class Verdict : uint8_t
{
    SURVIVED = 0,  //!< every connection survived its handovers
    FAILED = 1,    //!< a connection failed, never opened, or did not recover
    UNRESOLVED = 2 //!< no failure, but the run ended before the last handover was decided
};

/**
 * \param verdict a verdict
 * \return its name ("survived", "failed", "unresolved")
 */
const char* GetVerdictName(Verdict verdict);

/**
 * \brief Stream a verdict by its name.
 * \param os the stream
 * \param verdict the verdict
 * \return os
 */
std::ostream& operator<<(std::ostream& os, Verdict verdict);

/**
 * \ingroup mobisocket
 * \brief The timeline of one handover of one host (times in s, NaN if it did not happen).
 */
struct HandoverRecord
{
    Host host{Host::MH};  //!< the host that moved
    uint32_t pair{1};     //!< its MH-CH pair (1 for mh and ch, 2 for mh2 and ch2, ...)
    std::string kind;     //!< "wifi" (AP to AP), "wired" (access link) or "interface" (CopyTcb)
    uint32_t fromAp{0};   //!< WiFi: the AP left (1 for the corridor's first; 0: none)
    uint32_t toAp{0};     //!< WiFi: the AP joined (0: none yet)
    double startS;        //!< began: beacon loss, link loss, or interface switch/loss of WiFi
    double lastOldByteS;  //!< last application byte before the gap
    double beaconLossS;   //!< loss of the access link detected (DeAssoc, link down)
    double scanEndS;      //!< scan over, AP chosen (roaming=signal only)
    double reassociatedS; //!< associated with the new AP (interface: the new access came up)
    double leaseS;        //!< new address (lease; IPv6: usable; interface: connection moved to it)
    double updateSentS;   //!< update message sent (INFO, AddChange, RedirectRequest)
    double peerUpdatedS;  //!< the peer rewrote its TCB
    double peerAnsweredS; //!< the peer sent its confirmation (then resumed sending)
    double confirmedS;    //!< the mover got the confirmation
    double firstNewByteS; //!< first application byte after the address change
    double disruptionS;   //!< firstNewByte - lastOldByte
    double radioEnergyJ{std::numeric_limits<double>::quiet_NaN()}; //!< MH's WiFi radio energy
                                                                   //!< from start to firstNewByte
    double advertisedS{std::numeric_limits<double>::quiet_NaN()};  //!< IPv6: Router Advertisement
                                                                   //!< received
    double tentativeS{std::numeric_limits<double>::quiet_NaN()};   //!< IPv6: new address
                                                                   //!< configured, DAD begins
    double preferredS{std::numeric_limits<double>::quiet_NaN()};   //!< IPv6: DAD passed
    bool completed; //!< data flowed again after this handover (outcome RESUMED)
    HandoverOutcome outcome{HandoverOutcome::LOST}; //!< what became of it
};

/// Count and size of one kind of signalling message.
struct MessageStats
{
    uint64_t count{0}; //!< messages sent
    uint64_t bytes{0}; //!< IP bytes sent
};

/// What became of the MH's connections.
struct ConnectionStats
{
    uint32_t attempted{0};           //!< connections the MH started (Connect)
    uint32_t opened{0};              //!< handshakes completed (MH side)
    uint32_t completed{0};           //!< browsing: page delivered and acknowledged in its lifetime
    uint32_t stalled{0};             //!< browsing: lifetime ended with bytes unacknowledged
    uint32_t failed{0};              //!< refused or reset
    uint32_t prepared{0};            //!< redirect daemon: connections that ran the key agreement
    std::vector<double> openedS;     //!< browsing: when each connection opened
    std::vector<double> lifetimeS;   //!< browsing: each connection's drawn lifetime
    std::vector<double> closeAckedS; //!< browsing: when each one's FIN was acknowledged (NaN: not)
    uint32_t spanning{0}; //!< browsing: opened before a move, closed after the new address
    uint32_t kept{0};     //!< of those, closed with the FIN acknowledged: kept across the move

    /// A spanning connection's close must come this long before the run's end (s).
    static constexpr double CLOSE_GRACE_S = 5;

    /**
     * \brief Count the connections that span a move (opened before it
     *        started, closed after the new address, CLOSE_GRACE_S before
     *        the end at least, so that its FIN had time to be acknowledged)
     *        and those of them the scheme kept (their FIN acknowledged):
     *        spanning and kept.
     * \param startS when the move started (the handover's start)
     * \param leaseS when the host had its new address
     * \param endS the run's end
     */
    void CountSpanning(double startS, double leaseS, double endS);
};

/// Cryptographic work of one node.
struct NodeCrypto
{
    Host host{Host::MH};       //!< whose
    uint32_t pair{1};          //!< of which MH-CH pair (as HandoverRecord::pair)
    uint64_t signatures{0};    //!< signatures made
    uint64_t verifications{0}; //!< signatures verified
    uint64_t keyShares{0};     //!< X25519 key shares made
    uint64_t keyAgreements{0}; //!< X25519 secrets derived
    uint64_t macs{0};          //!< HMACs computed or checked
    double cpuTimeS{0};        //!< CPU time spent
    double energyJ{0};         //!< CPU energy charged to the battery (MH only)
    double radioEnergyJ{0};    //!< WiFi radio energy charged to the battery (MH only)
    std::map<std::string, uint64_t> rejected; //!< change messages its exchanges refused, by reason
};

/// What became of one MH-CH pair of a run with several mobile hosts.
struct PairResult
{
    uint32_t pair{1};                 //!< the pair (as HandoverRecord::pair)
    Verdict verdict{Verdict::FAILED}; //!< its own verdict
    bool intact{true};                //!< no byte of its data lost, duplicated or reordered
    uint64_t uplinkBytes{0};          //!< bytes delivered from its MH to its CH
    uint64_t downlinkBytes{0};        //!< bytes delivered from its CH to its MH
    uint32_t retransmissions{0};      //!< its data segments sent again (both ends)
    uint32_t rtoExpiries{0};          //!< its retransmission timeouts (both ends)
    uint32_t handovers{0};            //!< handovers of its hosts
};

/// An attacker's run (ChangeAttacker; position "none" when there was none).
struct AttackStats
{
    std::string position{"none"}; //!< none, off-path or on-path
    std::string action;           //!< forge or replay
    double ratePerS{0};           //!< messages per second
    uint64_t sent{0};             //!< messages sent
    uint64_t skipped{0};          //!< ticks with nothing to send
    bool hijacked{false};         //!< the CH redirected a connection to the attacker
    double hijackedAtS{-1};       //!< when first (-1: never)
};

/**
 * \ingroup mobisocket
 * \brief What a scenario run returns (plain data), for the WiFi and the
 *        wired scenario alike.
 *
 * The verdict rule: each handover gets an outcome. It is RESUMED when
 * application data arrived after its address change and before the host's
 * next handover began; SUPERSEDED when it did not resume and a later
 * handover of the same host exists (a ping-pong: lost again before the
 * lease or before the data came back); for the host's last handover,
 * UNRESOLVED when the run ended while the scheme was still at work: its
 * update was still unconfirmed and not given up, or the change had
 * completed and no retransmission timer of the connection expired between
 * the completion and the end (so the data could not have resumed yet);
 * LOST otherwise. The run is FAILED when an application saw its connection
 * fail, no data was delivered, or a host's last handover is LOST;
 * UNRESOLVED when a host's last handover is UNRESOLVED; SURVIVED otherwise
 * (in particular when a bounded transfer finished before the handover).
 */
struct ScenarioResult
{
    std::map<std::string, std::string> parameters; //!< all parameters, as text
    std::string ns3Version;                        //!< ns-3 version
    Verdict verdict{Verdict::FAILED};              //!< see the class description
    bool survived{false};                          //!< verdict == SURVIVED
    bool intact{true};                             //!< no byte lost, duplicated or reordered
    uint64_t uplinkBytes{0};                       //!< bytes delivered MH -> CH
    uint64_t downlinkBytes{0};                     //!< bytes delivered CH -> MH
    uint32_t retransmissions{0};                   //!< data segments sent again (both ends)
    uint32_t rtoExpiries{0};                       //!< retransmission timeouts (both ends)
    uint64_t signallingLost{0};              //!< signalling messages lost (signallingLossRate)
    ConnectionStats connections;             //!< the MH's connections
    std::vector<HandoverRecord> handovers;   //!< one per handover
    std::vector<double> goodputTimeS;        //!< bin start times
    std::vector<double> goodputUplinkMbps;   //!< per bin
    std::vector<double> goodputDownlinkMbps; //!< per bin
    std::vector<double> delayTimeS;          //!< stream: when each chunk's last byte arrived
    std::vector<double> delayS; //!< stream: each chunk's one-way delay (offered to delivered)
    std::map<std::string, MessageStats> signalling;         //!< per message type
    std::map<std::string, MessageStats> signallingBySender; //!< every type, per sender: "MH"
                                                            //!< (all MHs), "CH", "proxy"
    std::vector<NodeCrypto> crypto;                         //!< per node
    AttackStats attack;                                     //!< the attacker's run, if any
    double wallClockS{0};                                   //!< wall time of the run
    double endS{0};                   //!< simulated time at the end (stopEarly)
    std::vector<uint64_t> crossBytes; //!< cross traffic received at each AP's station (AP i at i-1)
    std::vector<PairResult> pairs;    //!< per MH-CH pair, in order (one for a single MH)

    /**
     * \brief Combine the results of a run's MH-CH pairs into the run's: the
     *        verdict is the worst pair's, the data and signalling counts are
     *        summed, the goodput series added bin by bin, the delays pooled
     *        in time order, the handover and crypto rows kept with their pair.
     *        With one pair, the result is that pair's (plus its PairResult).
     * \param pairs each pair's result, in order (at least one)
     * \return the run's
     */
    static ScenarioResult Combine(const std::vector<ScenarioResult>& pairs);

    /**
     * \brief Set the verdict from the handovers' outcomes (the rule above).
     * \param applicationFailed an application saw its connection fail
     * \param transferFinished a bounded transfer completed (nothing left to resume)
     */
    void DecideVerdict(bool applicationFailed, bool transferFinished);

    /**
     * \param host a host
     * \return its cryptographic work, or null if the run did not watch it
     */
    const NodeCrypto* FindCrypto(Host host) const;
};

} // namespace ns3

#endif /* SCENARIO_RESULT_H */
