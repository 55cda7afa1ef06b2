/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCANNING_ASSOC_MANAGER_H
#define SCANNING_ASSOC_MANAGER_H

#include "wifi-compat.h"

#if MOBISOCKET_NS3_VERSION >= 336

#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/traced-callback.h"
#include "ns3/wifi-assoc-manager.h"

#include <set>
#include <vector>

namespace ns3
{

class WifiPhy;

/**
 * \ingroup mobisocket
 * \brief A station's scan across a list of channels, as 802.11 clients
 *        do before they re-associate.
 *
 * ns-3's own association manager (WifiDefaultAssocManager) scans only the
 * channel the PHY is on, and reuses APs it heard before without scanning,
 * so a station re-associates only with an AP on its own channel. This one
 * visits every channel of its list in turn: it tunes the PHY, sends a probe
 * request (active scanning, after the station's ProbeDelay) and waits
 * MinChannelTime; if an AP answered it waits until MaxChannelTime, else it
 * moves on (IEEE 802.11-2020, 11.1.4.3.2). Passive scanning dwells
 * MaxChannelTime per channel for beacons. Only APs heard in this scan are
 * candidates, best SNR first; the manager tunes to the best one's channel
 * before the station sends its association request there.
 *
 * An empty list means "the current channel only", with the station's own
 * timing (ProbeRequestTimeout or WaitBeaconTimeout), as ns-3 does, but
 * without reusing stale APs.
 *
 * Install it with WifiMacHelper::SetAssocManager("ns3::ScanningAssocManager",
 * ...). A roam is started by Roam() (see SignalRoamingTrigger) or, as
 * always, by the station's beacon loss.
 */
class ScanningAssocManager : public WifiAssocManager
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    ScanningAssocManager();

    /**
     * \brief Set the channels to scan, in order.
     * \param channels channel numbers of the PHY's band (empty: the current one)
     */
    void SetChannels(const std::vector<uint8_t>& channels);

    /// \return the channels scanned, in order
    const std::vector<uint8_t>& GetChannels() const;

    /**
     * \brief Leave the current AP and scan: the station disassociates at
     *        once (DeAssoc) and the scan starts on the current channel or
     *        the first of the list.
     * \return false if the station is not associated (nothing done)
     */
    bool Roam();

    void NotifyApInfo(const StaWifiMac::ApInfo&& apInfo) override;
    void NotifyChannelSwitched(uint8_t linkId) override;
    bool Compare(const StaWifiMac::ApInfo& lhs, const StaWifiMac::ApInfo& rhs) const override;

    /**
     * TracedCallback signature for the end of a scan.
     * \param bssid the AP chosen (broadcast if none was heard)
     * \param channel its channel (0 if none)
     * \param snrDb its SNR (dB)
     * \param duration from the scan's start to the choice
     */
    typedef void (*ScanCompletedCallback)(Mac48Address bssid,
                                          uint8_t channel,
                                          double snrDb,
                                          Time duration);

  protected:
    void DoDispose() override;
    bool CanBeInserted(const StaWifiMac::ApInfo& apInfo) const override;
    bool CanBeReturned(const StaWifiMac::ApInfo& apInfo) const override;

  private:
    void DoStartScanning() override;

    /// What the manager waits for.
    enum class Phase
    {
        IDLE,     //!< no scan
        TUNING,   //!< the PHY switches to the next channel to scan
        DWELLING, //!< listening on a channel
        JOINING,  //!< the PHY switches to the chosen AP's channel
    };

    /// \return the station's PHY
    Ptr<WifiPhy> GetPhy() const;
    /// \return the channel the PHY is on
    uint8_t CurrentChannel() const;
    /**
     * \brief Scan the list's channel at index, tuning first if needed.
     * \param index into m_channels (or 0 for the current channel)
     */
    void ScanChannel(std::size_t index);
    /// Listen on the current channel (probe first when active).
    void Dwell();
    /// MinChannelTime is over: move on unless an AP answered.
    void MinChannelTimeOver();
    /// Done with this channel: next one, or choose.
    void LeaveChannel();
    /// \return the best AP heard in this scan (best SNR first), or null
    const StaWifiMac::ApInfo* BestHeardAp() const;
    /// Every channel scanned: tune to the best AP's channel and hand it to the station.
    void Choose();

    /**
     * \brief Tune the PHY to a channel once no acknowledgement of ours can
     *        be due (see TimeUntilQuiet()).
     * \param channel the channel number
     */
    void TuneWhenQuiet(uint8_t channel);

    /**
     * \return how long until the PHY neither receives nor transmits and
     *         no frame it received can still be due an acknowledgement (SIFS
     *         after its end); zero if it is quiet now
     */
    Time TimeUntilQuiet() const;
    /// Hand the best AP (or none) to the station.
    void Finish();
    /// \return the number of channels in this scan
    std::size_t ChannelCount() const;
    /// \return the time to wait for probe responses before giving up on a channel
    Time MinChannelTime() const;
    /// \return the longest time spent on a channel
    Time MaxChannelTime() const;

    std::vector<uint8_t> m_channels; //!< channels to scan (empty: the current one)
    Time m_minChannelTime;           //!< MinChannelTime (0: the station's)
    Time m_maxChannelTime;           //!< MaxChannelTime (0: the station's)
    Phase m_phase{Phase::IDLE};      //!< what the manager waits for
    std::size_t m_index{0};          //!< channel being scanned
    uint32_t m_heardOnChannel{0};    //!< APs heard on it
    std::set<Mac48Address> m_heard;  //!< APs heard in this scan
    EventId m_event;                 //!< the pending step
    Time m_scanStart;                //!< when this scan started

    TracedCallback<> m_scanStarted; //!< a scan starts
    /// a channel was scanned: its number, the APs heard on it
    TracedCallback<uint8_t, uint32_t> m_channelScanned;
    /// the scan chose an AP (or none)
    TracedCallback<Mac48Address, uint8_t, double, Time> m_scanCompleted;
};

} // namespace ns3

#endif /* MOBISOCKET_NS3_VERSION >= 336 */

#endif /* SCANNING_ASSOC_MANAGER_H */
