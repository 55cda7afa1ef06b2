/*
 * Copyright (c) 2026 The mobisocket authors
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef ROAMING_WIFI_RADIO_ENERGY_MODEL_H
#define ROAMING_WIFI_RADIO_ENERGY_MODEL_H

#include "ns3-compat.h"

#include "ns3/wifi-net-device.h"
#include "ns3/wifi-radio-energy-model.h"

namespace ns3
{

/**
 * \ingroup mobisocket
 * \brief ns-3's WifiRadioEnergyModel for a station that roams.
 *
 * Since ns-3.37, StaWifiMac::Disassociated turns its PHY off and on again
 * in the same instant (WifiPhy::SetOffMode, then ResumeFromOff), at every
 * disassociation. ns-3's WifiRadioEnergyModel takes OFF for the end of the
 * battery and never leaves it (ChangeState ignores every later state,
 * ns-3.37 to 3.48), so a station's radio energy stopped growing at its
 * first handover. This model charges OFF at the idle current instead and
 * follows the PHY on; everything else (the states' currents, the PHY
 * listener, the battery) is ns-3's model. Not modelled, as a consequence:
 * a radio switched off by a depleted battery.
 */
class RoamingWifiRadioEnergyModel : public WifiRadioEnergyModel
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /**
     * \brief Charge a station's radio to a battery, as
     *        WifiRadioEnergyModelHelper::Install does with ns-3's model.
     * \param device the station's device
     * \param source the battery
     * \return the model
     */
    static Ptr<RoamingWifiRadioEnergyModel> Install(Ptr<WifiNetDevice> device,
                                                    Ptr<energy::EnergySource> source);

    /**
     * \brief Follow the PHY into a state; OFF is charged as IDLE.
     * \param newState a WifiPhyState
     */
    void ChangeState(int newState) override;
};

} // namespace ns3

#endif // ROAMING_WIFI_RADIO_ENERGY_MODEL_H
