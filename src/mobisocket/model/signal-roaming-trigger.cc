/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "signal-roaming-trigger.h"

#if MOBISOCKET_NS3_VERSION >= 336

#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/uinteger.h"

#include <cmath>
#include <numeric>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SignalRoamingTrigger");

NS_OBJECT_ENSURE_REGISTERED(SignalRoamingTrigger);

TypeId
SignalRoamingTrigger::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::SignalRoamingTrigger")
            .SetParent<Object>()
            .SetGroupName("Mobisocket")
            .AddConstructor<SignalRoamingTrigger>()
            .AddAttribute("ThresholdDb",
                          "Roam when the current AP's average beacon SNR falls below this (dB).",
                          DoubleValue(15),
                          MakeDoubleAccessor(&SignalRoamingTrigger::m_thresholdDb),
                          MakeDoubleChecker<double>())
            .AddAttribute("HysteresisDb",
                          "Armed again only once the average reaches ThresholdDb + this (dB).",
                          DoubleValue(3),
                          MakeDoubleAccessor(&SignalRoamingTrigger::m_hysteresisDb),
                          MakeDoubleChecker<double>(0))
            .AddAttribute("Window",
                          "Beacons averaged.",
                          UintegerValue(3),
                          MakeUintegerAccessor(&SignalRoamingTrigger::m_window),
                          MakeUintegerChecker<uint32_t>(1))
            .AddTraceSource("Triggered",
                            "The station leaves its AP: the AP and its average SNR (dB).",
                            MakeTraceSourceAccessor(&SignalRoamingTrigger::m_triggered),
                            "ns3::SignalRoamingTrigger::TriggeredCallback");
    return tid;
}

SignalRoamingTrigger::SignalRoamingTrigger()
{
    NS_LOG_FUNCTION(this);
}

void
SignalRoamingTrigger::DoDispose()
{
    m_mac = nullptr;
    m_manager = nullptr;
    Object::DoDispose();
}

void
SignalRoamingTrigger::Install(Ptr<StaWifiMac> mac, Ptr<ScanningAssocManager> manager)
{
    NS_LOG_FUNCTION(this << mac << manager);
    NS_ABORT_MSG_IF(!mac || !manager, "SignalRoamingTrigger::Install: no station or manager");
    m_mac = mac;
    m_manager = manager;
    mac->TraceConnectWithoutContext("ReceivedBeaconInfo",
                                    MakeCallback(&SignalRoamingTrigger::BeaconReceived, this));
    mac->TraceConnectWithoutContext("Assoc", MakeCallback(&SignalRoamingTrigger::Associated, this));
}

double
SignalRoamingTrigger::GetAverageSnrDb() const
{
    if (m_snrDb.size() < m_window)
    {
        return 0;
    }
    return std::accumulate(m_snrDb.begin(), m_snrDb.end(), 0.0) / m_snrDb.size();
}

bool
SignalRoamingTrigger::IsArmed() const
{
    return m_armed;
}

void
SignalRoamingTrigger::Associated(Mac48Address bssid)
{
    NS_LOG_FUNCTION(this << bssid);
    m_snrDb.clear();
    // Back with the AP it left: the scan found nothing better; keep trying.
    m_armed = bssid == m_left;
}

void
SignalRoamingTrigger::BeaconReceived(StaWifiMac::ApInfo ap)
{
    if (!m_mac || !m_mac->IsAssociated() || ap.m_bssid != m_mac->GetBssid(0))
    {
        return; // another AP's beacon, or the station is not associated
    }
    m_snrDb.push_back(10 * std::log10(ap.m_snr));
    if (m_snrDb.size() > m_window)
    {
        m_snrDb.pop_front();
    }
    if (m_snrDb.size() < m_window)
    {
        return;
    }
    double average = GetAverageSnrDb();
    if (!m_armed)
    {
        m_armed = average >= m_thresholdDb + m_hysteresisDb;
        return;
    }
    if (average < m_thresholdDb && m_manager->Roam())
    {
        NS_LOG_INFO("leaving " << ap.m_bssid << " at " << average << " dB");
        m_armed = false;
        m_snrDb.clear();
        m_left = ap.m_bssid;
        m_triggered(ap.m_bssid, average);
    }
}

} // namespace ns3

#endif /* MOBISOCKET_NS3_VERSION >= 336 */
