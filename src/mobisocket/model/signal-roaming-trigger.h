/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SIGNAL_ROAMING_TRIGGER_H
#define SIGNAL_ROAMING_TRIGGER_H

#include "scanning-assoc-manager.h"

#if MOBISOCKET_NS3_VERSION >= 336

#include "ns3/object.h"
#include "ns3/sta-wifi-mac.h"
#include "ns3/traced-callback.h"

#include <deque>

namespace ns3
{

/**
 * \ingroup mobisocket
 * \brief Makes a station leave its AP when the AP's signal fades, before
 *        its beacons are lost.
 *
 * It averages the SNR of the last Window beacons of the AP the station is
 * associated with; when the average falls below ThresholdDb it has the
 * station's ScanningAssocManager roam (scan its channels, join the best
 * AP). Against ping-pong, it is armed only once the average has been at or
 * above ThresholdDb + HysteresisDb since the last association: right after
 * a roam at the cell edge, it waits until the station is well inside the
 * new cell. A roam whose scan found nothing better (the station joined the
 * AP it left again: e.g. the probe request collided) leaves it armed, so it
 * tries again once Window beacons are below the threshold, as a real
 * station keeps scanning while its signal stays weak. Beacon loss
 * (StaWifiMac MaxMissedBeacons) still ends an association that fades faster
 * than that.
 */
class SignalRoamingTrigger : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    SignalRoamingTrigger();

    /**
     * \brief Watch a station and roam through its association manager.
     * \param mac the station
     * \param manager its association manager (the one the station uses)
     */
    void Install(Ptr<StaWifiMac> mac, Ptr<ScanningAssocManager> manager);

    /// \return the average SNR (dB) of the current AP's last beacons (0 before Window beacons)
    double GetAverageSnrDb() const;

    /// \return whether the trigger is armed
    bool IsArmed() const;

    /**
     * TracedCallback signature for a roam.
     * \param bssid the AP left
     * \param averageSnrDb its average SNR (dB)
     */
    typedef void (*TriggeredCallback)(Mac48Address bssid, double averageSnrDb);

  protected:
    void DoDispose() override;

  private:
    /**
     * \brief A beacon was received (any AP on the current channel).
     * \param ap what the station learned from it
     */
    void BeaconReceived(StaWifiMac::ApInfo ap);
    /**
     * \brief The station associated: start afresh, disarmed (armed if it
     *        joined the AP it roamed away from).
     * \param bssid the AP
     */
    void Associated(Mac48Address bssid);

    double m_thresholdDb;                             //!< leave below this average SNR
    double m_hysteresisDb;                            //!< re-arm at ThresholdDb + this
    uint32_t m_window;                                //!< beacons averaged
    Ptr<StaWifiMac> m_mac;                            //!< the station
    Ptr<ScanningAssocManager> m_manager;              //!< its association manager
    std::deque<double> m_snrDb;                       //!< the current AP's last beacons' SNR (dB)
    bool m_armed{false};                              //!< may trigger
    Mac48Address m_left;                              //!< the AP the last roam left
    TracedCallback<Mac48Address, double> m_triggered; //!< a roam starts
};

} // namespace ns3

#endif /* MOBISOCKET_NS3_VERSION >= 336 */

#endif /* SIGNAL_ROAMING_TRIGGER_H */
