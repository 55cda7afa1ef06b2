/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef HANDOVER_STRESS_H
#define HANDOVER_STRESS_H

#include "handover-scenario.h"
#include "scenario-result.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup mobisocket
 * \brief What the design of a scheme predicts for one HandoverScenario
 *        parameter set (HandoverStress::Predict).
 */
struct StressPrediction
{
    bool decidable{true};               //!< the parameters allow one verdict (else: not drawn)
    Verdict verdict{Verdict::SURVIVED}; //!< the predicted verdict
    bool opened{true};                  //!< the data connection's handshake completes
    std::string rule;                   //!< the rule that decided, a short name
    std::string reason;                 //!< why, in a sentence (for reports)
};

/**
 * \ingroup mobisocket
 * \brief Randomized handover stress (issue 15): draws HandoverScenario
 *        parameter sets from a seed and predicts each one's verdict from the
 *        design of its scheme alone.
 *
 * Draw(index) is a pure function of the generator's seed and the index: its
 * own SplitMix64 stream (never ns-3's generator, never another draw's), so
 * draw 517 of seed 15 is the same set whether it is drawn alone or after the
 * 516 before it, on any platform. It also sets RngRun from that stream.
 *
 * Each draw belongs to a class:
 * - walk (most draws): the MH walks a corridor (2-4 APs, sometimes a grid's
 *   first row, sometimes back again) after its data connection is open;
 * - both: the CH walks its own domain too, started chMoveSkewMs later, the
 *   skew either small enough that both are out of reach of the other's
 *   update ("at once") or large enough that the first change completes
 *   before the second host's link degrades ("one after the other");
 * - in-flight: the data starts while the MH's link is already dead but not
 *   yet detected (between its last beacon and the beacon loss), so the
 *   connection's handshake is under way when it moves;
 * - gap: the APs stand 180-260 m apart and the run ends while the MH is out
 *   of every AP's reach;
 * - still: nothing moves (bulk, stream or browsing traffic);
 * - interface: CopyTcb to a point-to-point second access (make- or
 *   break-before-make).
 *
 * Every set passes Validate(); a drawn set whose prediction is not decidable
 * (Predict().decidable false: a timing too close to call) is drawn again
 * from the next sub-stream, so every draw is decidable.
 *
 * Predict() reads only the parameters. Its timing model rests on the
 * scenario's geometry, which ns-3's log-distance path loss makes
 * deterministic: a station receives its AP's beacons up to about 50.4 m
 * (measured: the default run's last beacon from AP1 at 2.69 s, 50.4 m from
 * it), and roaming=signal leaves at about 42.7 m (the default 15 dB
 * threshold). Every bound it uses is listed with the rules in the module
 * documentation ("Randomized handover stress").
 */
class HandoverStress
{
  public:
    /// The scenario's parameters.
    using Parameters = HandoverScenario::Parameters;

    /// When one handover of one host may happen, from the parameters (s).
    struct Window
    {
        Host host{Host::MH};      //!< the host that moves
        double degradeS{0};       //!< earliest time its old link may start losing packets
        double lastBeaconS{0};    //!< latest time its last beacon from the old AP may arrive
        double deassocMinS{0};    //!< earliest detection of the loss (DeAssoc or signal trigger)
        double deassocMaxS{0};    //!< latest detection of the loss
        double reachS{0};         //!< earliest time the new AP is in reach
        double associatedMaxS{0}; //!< latest association with the new AP
        double leaseMinS{0};      //!< earliest new address
        double leaseMaxS{0};      //!< latest new address (DHCP retransmissions included)
    };

    /**
     * \brief A generator of parameter sets.
     * \param seed the seed; with the index, it alone decides each draw
     */
    explicit HandoverStress(uint64_t seed);

    /**
     * \brief Draw one parameter set.
     * \param index the draw's number
     * \return a valid, decidable parameter set (rngRun set from the draw)
     */
    Parameters Draw(uint64_t index) const;

    /**
     * \brief Predict a run's verdict from its parameters and the design of
     *        its scheme (see the rules in the implementation and the
     *        module documentation).
     * \param p the parameters
     * \return the prediction (decidable false when the timing is too close to call)
     */
    static StressPrediction Predict(const Parameters& p);

    /**
     * \brief The handover windows of a run's walks (corridor walks only).
     * \param p the parameters
     * \return one window per handover, per moving host, in time order per host
     */
    static std::vector<Window> EstimateHandovers(const Parameters& p);

    /**
     * \brief The scheme, as one name.
     * \param p the parameters
     * \return tcp, tcp-r, redirect, or mobisocket-SIGNALLING
     */
    static std::string SchemeName(const Parameters& p);

    /**
     * \brief The draw's class (walk, both, in-flight, gap, still, interface).
     * \param p the parameters
     * \return the class's name
     */
    static std::string ClassName(const Parameters& p);

    /**
     * \brief The flags that differ from the defaults, to rerun a set with
     *        mobisocket-wifi-handover.
     * \param p the parameters
     * \return "--name=value ..." (outputDir and pcap left out)
     */
    static std::string CommandLine(const Parameters& p);

  private:
    /**
     * \brief Draw one candidate set (not checked for decidability).
     * \param index the draw's number
     * \param attempt the sub-stream
     * \return the candidate
     */
    Parameters DrawCandidate(uint64_t index, uint32_t attempt) const;

    uint64_t m_seed; //!< the generator's seed
};

} // namespace ns3

#endif /* HANDOVER_STRESS_H */
