/*
 * Copyright (c) 2026 The mobisocket authors
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "roaming-wifi-radio-energy-model.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/wifi-phy.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MobiSocketRoamingWifiRadioEnergyModel");

NS_OBJECT_ENSURE_REGISTERED(RoamingWifiRadioEnergyModel);

TypeId
RoamingWifiRadioEnergyModel::GetTypeId()
{
    static TypeId tid = TypeId("ns3::RoamingWifiRadioEnergyModel")
                            .SetParent<WifiRadioEnergyModel>()
                            .SetGroupName("Mobisocket")
                            .AddConstructor<RoamingWifiRadioEnergyModel>();
    return tid;
}

Ptr<RoamingWifiRadioEnergyModel>
RoamingWifiRadioEnergyModel::Install(Ptr<WifiNetDevice> device, Ptr<energy::EnergySource> source)
{
    NS_ABORT_MSG_UNLESS(device && device->GetPhy(), "RoamingWifiRadioEnergyModel: no WiFi PHY");
    NS_ABORT_MSG_UNLESS(source, "RoamingWifiRadioEnergyModel: no energy source");
    Ptr<WifiPhy> phy = device->GetPhy();
    Ptr<RoamingWifiRadioEnergyModel> model = CreateObject<RoamingWifiRadioEnergyModel>();
    phy->SetWifiRadioEnergyModel(model);
    source->AppendDeviceEnergyModel(model);
    model->SetEnergySource(source);
    phy->RegisterListener(model->GetPhyListener());
    return model;
}

void
RoamingWifiRadioEnergyModel::ChangeState(int newState)
{
    NS_LOG_FUNCTION(this << newState);
    WifiRadioEnergyModel::ChangeState(newState == static_cast<int>(WifiPhyState::OFF)
                                          ? static_cast<int>(WifiPhyState::IDLE)
                                          : newState);
}

} // namespace ns3
