/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MOBISOCKET_WIFI_COMPAT_H
#define MOBISOCKET_WIFI_COMPAT_H

/**
 * \file
 * \ingroup mobisocket
 * The differences between ns-3 releases in the wifi module's interfaces the
 * roaming models use (ScanningAssocManager): ns3-compat.h's rules, kept
 * apart so that only the files that need the wifi headers include them.
 */

#include "ns3-compat.h"

#include "ns3/string.h"
#include "ns3/uinteger.h"
#include "ns3/wifi-helper.h"

#include <string>

namespace ns3
{

/**
 * \brief Have a PHY helper put the next PHYs on a 5 GHz channel.
 *
 * ns-3.36 replaced WifiPhy's ChannelNumber, Frequency and ChannelWidth
 * attributes by ChannelSettings (CHANGES.md, "Changes from ns-3.35 to
 * ns-3.36").
 * \param helper the helper
 * \param channel a 20 MHz channel of the 5 GHz band
 */
inline void
SetHelperChannel(WifiPhyHelper& helper, uint8_t channel)
{
#if MOBISOCKET_NS3_VERSION >= 336
    helper.Set("ChannelSettings",
               StringValue("{" + std::to_string(channel) + ", 0, BAND_5GHZ, 0}"));
#else
    helper.Set("ChannelNumber", UintegerValue(channel));
#endif
}

} // namespace ns3

#if MOBISOCKET_NS3_VERSION >= 336

#include "ns3/channel-access-manager.h"
#include "ns3/mac48-address.h"
#include "ns3/qos-txop.h"
#include "ns3/sta-wifi-mac.h"
#include "ns3/wifi-mac-queue.h"
#include "ns3/wifi-phy-listener.h"
#include "ns3/wifi-phy.h"

#include <memory>
#include <vector>

namespace ns3
{

/**
 * \brief Switch a PHY to another channel of its band, at its default width.
 *
 * ns-3.37's WifiPhy::SetOperatingChannel takes one tuple whose band is an
 * int; ns-3.48's takes a list of channel segments, which came with 80+80 MHz
 * channels (RELEASE_NOTES.md, release 3.43).
 * \param phy the PHY
 * \param channel the channel number
 */
inline void
TuneWifiPhy(Ptr<WifiPhy> phy, uint8_t channel)
{
#if MOBISOCKET_NS3_VERSION >= 343
    phy->SetOperatingChannel(WifiPhy::ChannelSegments{{channel, 0, phy->GetPhyBand(), 0}});
#else
    phy->SetOperatingChannel(
        WifiPhy::ChannelTuple{channel, 0, static_cast<int>(phy->GetPhyBand()), 0});
#endif
}

/**
 * \brief Is a scan active (probe requests) rather than passive?
 *
 * ns-3.37 has WifiScanParams::ACTIVE; by ns-3.48 the scan type is the enum
 * WifiScanType. Neither CHANGES.md nor RELEASE_NOTES.md names the release
 * (only 3.35, 3.37 and 3.48 are built here), so the switch is at 3.38.
 * \param params the scan's parameters
 * \return true for an active scan
 */
inline bool
IsActiveScan(const WifiScanParams& params)
{
#if MOBISOCKET_NS3_VERSION >= 338
    return params.type == WifiScanType::ACTIVE;
#else
    return params.type == WifiScanParams::ACTIVE;
#endif
}

/**
 * \brief Have a station broadcast a probe request on its (only) link.
 *
 * ns-3.37's StaWifiMac::SendProbeRequest() became GetProbeRequest() and
 * EnqueueProbeRequest(), for per-link and multi-link probes (multi-link
 * probe requests: RELEASE_NOTES.md, release 3.44).
 * \param mac the station
 */
inline void
SendBroadcastProbeRequest(Ptr<StaWifiMac> mac)
{
#if MOBISOCKET_NS3_VERSION >= 344
    mac->EnqueueProbeRequest(mac->GetProbeRequest(0),
                             0,
                             Mac48Address::GetBroadcast(),
                             Mac48Address::GetBroadcast());
#else
    mac->SendProbeRequest();
#endif
}

#if MOBISOCKET_NS3_VERSION < 338
/**
 * \brief Wipes a station's expired MPDUs when its PHY turns off, before
 *        the channel access manager flushes the queues.
 *
 * ns-3.37 defect (fixed by 3.48, whose Txop::NotifyOff no longer flushes and
 * whose WifiMacQueue::Flush handles expired MPDUs): on a disassociation
 * (beacon loss: StaWifiMac::Disassociated -> WifiPhy::SetOffMode ->
 * ChannelAccessManager::NotifyOffNow -> Txop::NotifyOff -> Queue::Flush),
 * Flush removes the head MPDU until the queue is empty; peeking the head
 * moves MPDUs whose lifetime (MaxDelay, 500 ms) has expired out of the
 * scheduler's view but not out of the Queue base class's count, so when the
 * last MPDUs are expired Flush sees a non-empty queue, peeks nothing and
 * dereferences a null MPDU (SIGSEGV in WifiMpdu::GetQueueIt). A station
 * whose frames waited over 500 ms before the beacon loss (a fading link)
 * triggers it. This listener, registered before the channel access
 * manager's, wipes the expired MPDUs first, as the queue's next enqueue
 * would: they are dropped either way, nothing else changes.
 */
class ExpiredMpduWiper : public WifiPhyListener
{
  public:
    /// \param mac the station (its link 0)
    explicit ExpiredMpduWiper(Ptr<WifiMac> mac)
        : m_mac(mac)
    {
        Ptr<WifiPhy> phy = mac->GetWifiPhy();
        phy->RegisterListener(this);
        // The channel access manager's listener (whose NotifyOff flushes) after this one.
        Ptr<ChannelAccessManager> access = mac->GetChannelAccessManager();
        access->RemovePhyListener(phy);
        access->SetupPhyListener(phy);
    }

    /// The PHY turns off: wipe every queue's expired MPDUs.
    void NotifyOff() override
    {
        if (Ptr<Txop> txop = m_mac->GetTxop())
        {
            txop->GetWifiMacQueue()->WipeAllExpiredMpdus();
        }
        for (AcIndex ac : {AC_BE, AC_BK, AC_VI, AC_VO})
        {
            if (Ptr<QosTxop> txop = m_mac->GetQosSupported() ? m_mac->GetQosTxop(ac) : nullptr)
            {
                txop->GetWifiMacQueue()->WipeAllExpiredMpdus();
            }
        }
    }

    void NotifyRxStart(Time) override
    {
    }

    void NotifyRxEndOk() override
    {
    }

    void NotifyRxEndError() override
    {
    }

    void NotifyTxStart(Time, double) override
    {
    }

    void NotifyCcaBusyStart(Time, WifiChannelListType, const std::vector<Time>&) override
    {
    }

    void NotifySwitchingStart(Time) override
    {
    }

    void NotifySleep() override
    {
    }

    void NotifyWakeup() override
    {
    }

    void NotifyOn() override
    {
    }

  private:
    Ptr<WifiMac> m_mac; //!< the station
};
#endif

/**
 * \brief Protect a station from ns-3.37's crash on disassociation with
 *        expired MPDUs queued (ExpiredMpduWiper; nothing on other versions).
 * \param mac the station
 * \return the protection, to keep as long as the simulation runs (null: none needed)
 */
inline std::shared_ptr<void>
GuardDisassociation(Ptr<WifiMac> mac)
{
#if MOBISOCKET_NS3_VERSION < 338
    return std::make_shared<ExpiredMpduWiper>(mac);
#else
    return nullptr;
#endif
}

} // namespace ns3

#endif /* MOBISOCKET_NS3_VERSION >= 336 */

#endif /* MOBISOCKET_WIFI_COMPAT_H */
