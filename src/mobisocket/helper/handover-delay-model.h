/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef HANDOVER_DELAY_MODEL_H
#define HANDOVER_DELAY_MODEL_H

#include "exchange-path.h"
#include "handover-scenario.h"

#include <string>

namespace ns3
{

/**
 * \ingroup mobisocket
 * \brief One WiFi handover of the MH as the delay model predicts it, part by
 *        part, each as its expected value and the range its random inputs
 *        allow. The parts are those of HandoverTimeline's records.
 */
struct HandoverPrediction
{
    bool modelled{false};   //!< the parameters lie inside the model's domain
    std::string reason;     //!< why not, or why the connection is lost
    bool survives{false};   //!< the connection resumes after the handover
    DelayRange detection;   //!< last old byte -> the station leaves its AP (beaconLossS)
    DelayRange scan;        //!< leaves -> new AP chosen (scanEndS)
    DelayRange association; //!< new AP chosen -> associated (reassociatedS)
    DelayRange address;     //!< associated -> new lease (leaseS)
    DelayRange update;      //!< lease -> the peer rewrote its TCB (peerUpdatedS)
    DelayRange confirm;     //!< lease -> the mover has the confirmation (confirmedS)
    DelayRange resume;      //!< peer updated -> first new application byte (firstNewByteS)
    DelayRange disruption;  //!< last old byte -> first new application byte

    /// \return the link-layer handoff: scan and association
    DelayRange L2Handoff() const;
};

/**
 * \ingroup mobisocket
 * \brief Predicts a WiFi handover's disruption and each of its parts from
 *        HandoverScenario's parameters alone, without running or reading a
 *        simulation: the station's roaming timers, the DHCP preset, the
 *        path's delays and rates, each scheme's exchange
 *        (MobilityScheme::PredictExchange), the cryptographic cycles at the
 *        CPU clock, and the TCP retransmission schedule with and without
 *        ResetTimer.
 *
 * Its domain is one move of the MH between two APs with bulk or stream
 * traffic in one direction and no losses, jitter or cross traffic; outside
 * it Predict() says why (HandoverPrediction::reason). The derivation of
 * each part, and the model's measured accuracy (the model-check
 * experiment), are in the module documentation.
 */
class HandoverDelayModel
{
  public:
    /**
     * \param p valid scenario parameters
     * \return the prediction, or modelled=false with the reason
     */
    static HandoverPrediction Predict(const HandoverScenario::Parameters& p);

    /**
     * \param p valid scenario parameters
     * \return "" if the model covers them, else the first reason it does not
     */
    static std::string OutsideDomain(const HandoverScenario::Parameters& p);

    /**
     * \param p valid scenario parameters
     * \return the path and costs the scheme's exchange is predicted on
     */
    static ExchangePath PathOf(const HandoverScenario::Parameters& p);
};

} // namespace ns3

#endif // HANDOVER_DELAY_MODEL_H
