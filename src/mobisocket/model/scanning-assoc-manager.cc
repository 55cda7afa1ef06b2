/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "scanning-assoc-manager.h"

#if MOBISOCKET_NS3_VERSION >= 336

#include "ns3/log.h"
#include "ns3/nstime.h"
#include "ns3/simulator.h"
#include "ns3/sta-wifi-mac.h"
#include "ns3/wifi-phy-state-helper.h"
#include "ns3/wifi-phy.h"

#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("ScanningAssocManager");

NS_OBJECT_ENSURE_REGISTERED(ScanningAssocManager);

TypeId
ScanningAssocManager::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::ScanningAssocManager")
            .SetParent<WifiAssocManager>()
            .SetGroupName("Mobisocket")
            .AddConstructor<ScanningAssocManager>()
            .AddAttribute("MinChannelTime",
                          "Active scanning: how long to wait for a probe response on a "
                          "channel before moving on (0: the station's ProbeRequestTimeout).",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&ScanningAssocManager::m_minChannelTime),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("MaxChannelTime",
                          "The longest time on a channel: active scanning once an AP has "
                          "answered, passive scanning always (0: the station's "
                          "ProbeRequestTimeout or WaitBeaconTimeout).",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&ScanningAssocManager::m_maxChannelTime),
                          MakeTimeChecker(Seconds(0)))
            .AddTraceSource("ScanStarted",
                            "A scan starts.",
                            MakeTraceSourceAccessor(&ScanningAssocManager::m_scanStarted),
                            "ns3::TracedCallback::Void")
            .AddTraceSource("ChannelScanned",
                            "A channel was scanned: its number and the APs heard on it.",
                            MakeTraceSourceAccessor(&ScanningAssocManager::m_channelScanned),
                            "ns3::TracedCallback::Uint8Uint32")
            .AddTraceSource("ScanCompleted",
                            "The scan chose an AP (broadcast BSSID if none was heard).",
                            MakeTraceSourceAccessor(&ScanningAssocManager::m_scanCompleted),
                            "ns3::ScanningAssocManager::ScanCompletedCallback");
    return tid;
}

ScanningAssocManager::ScanningAssocManager()
{
    NS_LOG_FUNCTION(this);
}

void
ScanningAssocManager::SetChannels(const std::vector<uint8_t>& channels)
{
    NS_LOG_FUNCTION(this);
    m_channels = channels;
}

const std::vector<uint8_t>&
ScanningAssocManager::GetChannels() const
{
    return m_channels;
}

void
ScanningAssocManager::DoDispose()
{
    m_event.Cancel();
    WifiAssocManager::DoDispose();
}

Ptr<WifiPhy>
ScanningAssocManager::GetPhy() const
{
    return m_mac->GetWifiPhy(0);
}

uint8_t
ScanningAssocManager::CurrentChannel() const
{
    return GetPhy()->GetOperatingChannel().GetNumber();
}

std::size_t
ScanningAssocManager::ChannelCount() const
{
    return m_channels.empty() ? 1 : m_channels.size();
}

Time
ScanningAssocManager::MinChannelTime() const
{
    return m_minChannelTime.IsStrictlyPositive() ? m_minChannelTime
                                                 : GetScanParams().minChannelTime;
}

Time
ScanningAssocManager::MaxChannelTime() const
{
    return m_maxChannelTime.IsStrictlyPositive() ? m_maxChannelTime
                                                 : GetScanParams().maxChannelTime;
}

bool
ScanningAssocManager::Roam()
{
    NS_LOG_FUNCTION(this);
    if (!m_mac || !m_mac->IsAssociated())
    {
        return false;
    }
    // ns-3's station has no call to leave its AP. It leaves when its PHY has
    // switched channel: its handler for that, NotifyChannelSwitching,
    // disassociates (DeAssoc, link down) and starts a scan through this
    // manager (DoStartScanning). Switching the PHY to the channel it is on
    // would do it in ns-3.37 but is a no-op in ns-3.48, so the handler is
    // called directly: the station also resets its rate control, as it
    // would for a new AP.
    m_mac->NotifyChannelSwitching(0);
    return true;
}

void
ScanningAssocManager::DoStartScanning()
{
    NS_LOG_FUNCTION(this);
    if (m_phase != Phase::IDLE)
    {
        // The station asks again while this scan runs: its beacon watchdog,
        // which a roam leaves pending (ns-3.37 to 3.48), expired and
        // "disassociated" it once more. Starting over would throw away the
        // channels already scanned and never end a scan longer than the
        // watchdog (MaxMissedBeacons beacon intervals); the scan goes on.
        NS_LOG_DEBUG("scan requested during a scan: going on");
        return;
    }
    m_event.Cancel();
    m_heard.clear();
    m_scanStart = Simulator::Now();
    m_scanStarted();
    ScanChannel(0);
}

void
ScanningAssocManager::ScanChannel(std::size_t index)
{
    m_index = index;
    m_heardOnChannel = 0;
    if (m_channels.empty() || m_channels[index] == CurrentChannel())
    {
        Dwell();
        return;
    }
    NS_LOG_DEBUG("tuning to channel " << +m_channels[index]);
    m_phase = Phase::TUNING;
    TuneWhenQuiet(m_channels[index]);
}

void
ScanningAssocManager::Dwell()
{
    m_phase = Phase::DWELLING;
    if (IsActiveScan(GetScanParams()))
    {
        Time probeDelay = GetScanParams().probeDelay;
        Simulator::Schedule(probeDelay, &SendBroadcastProbeRequest, m_mac);
        m_event = Simulator::Schedule(probeDelay + MinChannelTime(),
                                      &ScanningAssocManager::MinChannelTimeOver,
                                      this);
    }
    else
    {
        m_event = Simulator::Schedule(MaxChannelTime(), &ScanningAssocManager::LeaveChannel, this);
    }
}

void
ScanningAssocManager::MinChannelTimeOver()
{
    Time rest = MaxChannelTime() - MinChannelTime();
    if (m_heardOnChannel == 0 || !rest.IsStrictlyPositive())
    {
        LeaveChannel();
        return;
    }
    m_event = Simulator::Schedule(rest, &ScanningAssocManager::LeaveChannel, this);
}

void
ScanningAssocManager::LeaveChannel()
{
    m_channelScanned(CurrentChannel(), m_heardOnChannel);
    if (m_index + 1 < ChannelCount())
    {
        ScanChannel(m_index + 1);
        return;
    }
    Choose();
}

const StaWifiMac::ApInfo*
ScanningAssocManager::BestHeardAp() const
{
    for (const StaWifiMac::ApInfo& ap : GetSortedList())
    {
        if (CanBeReturned(ap)) // else heard in an earlier scan
        {
            return &ap;
        }
    }
    return nullptr;
}

void
ScanningAssocManager::Choose()
{
    const StaWifiMac::ApInfo* best = BestHeardAp();
    if (best && best->m_channel.number != CurrentChannel())
    {
        NS_LOG_DEBUG("joining " << best->m_bssid << " on channel " << +best->m_channel.number);
        m_phase = Phase::JOINING;
        TuneWhenQuiet(best->m_channel.number);
        return;
    }
    Finish();
}

Time
ScanningAssocManager::TimeUntilQuiet() const
{
    Ptr<WifiPhy> phy = GetPhy();
    if (phy->IsStateRx() || phy->IsStateTx())
    {
        return phy->GetDelayUntilIdle();
    }
    Time since = Simulator::Now() - phy->GetState()->GetLastRxEndTime();
    Time ackDue = phy->GetSifs() + NanoSeconds(1);
    return since < ackDue ? ackDue - since : Time(0);
}

void
ScanningAssocManager::TuneWhenQuiet(uint8_t channel)
{
    // A station acknowledges a unicast frame SIFS after it (a probe response
    // during a scan, data before a roam), as its firmware does whatever the
    // driver asks meanwhile. ns-3's FrameExchangeManager schedules that
    // acknowledgement as an event that a channel switch does not cancel, and
    // ns-3.48 stops with "Invalid WifiPhy state" when it fires while the PHY
    // is switching (found by the randomized stress, draw 676 of seed 15): the
    // switch waits until the acknowledgement is sent.
    Time wait = TimeUntilQuiet();
    if (wait.IsStrictlyPositive())
    {
        NS_LOG_DEBUG("channel " << +channel << " in " << wait.As(Time::US)
                                << ": an ACK may be due");
        m_event = Simulator::Schedule(wait, &ScanningAssocManager::TuneWhenQuiet, this, channel);
        return;
    }
    TuneWifiPhy(GetPhy(), channel);
}

void
ScanningAssocManager::Finish()
{
    m_phase = Phase::IDLE;
    const StaWifiMac::ApInfo* best = BestHeardAp();
    m_scanCompleted(best ? best->m_bssid : Mac48Address::GetBroadcast(),
                    best ? best->m_channel.number : 0,
                    best ? 10 * std::log10(best->m_snr) : 0.0,
                    Simulator::Now() - m_scanStart);
    ScanningTimeout(); // the best AP heard in this scan, or none (the station scans again)
}

void
ScanningAssocManager::NotifyApInfo(const StaWifiMac::ApInfo&& apInfo)
{
    if (m_phase == Phase::DWELLING && MatchScanParams(apInfo) &&
        m_heard.insert(apInfo.m_bssid).second)
    {
        NS_LOG_DEBUG("heard " << apInfo.m_bssid << " on channel " << +apInfo.m_channel.number);
        ++m_heardOnChannel;
    }
    WifiAssocManager::NotifyApInfo(std::move(apInfo));
}

void
ScanningAssocManager::NotifyChannelSwitched(uint8_t linkId)
{
    NS_LOG_FUNCTION(this << +linkId);
    if (m_phase == Phase::TUNING)
    {
        Dwell();
    }
    else if (m_phase == Phase::JOINING)
    {
        Finish();
    }
}

bool
ScanningAssocManager::Compare(const StaWifiMac::ApInfo& lhs, const StaWifiMac::ApInfo& rhs) const
{
    return lhs.m_snr > rhs.m_snr;
}

bool
ScanningAssocManager::CanBeInserted(const StaWifiMac::ApInfo& apInfo) const
{
    return m_phase == Phase::DWELLING;
}

bool
ScanningAssocManager::CanBeReturned(const StaWifiMac::ApInfo& apInfo) const
{
    return m_heard.count(apInfo.m_bssid) > 0;
}

} // namespace ns3

#endif /* MOBISOCKET_NS3_VERSION >= 336 */
