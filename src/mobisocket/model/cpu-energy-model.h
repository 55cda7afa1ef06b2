/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef CPU_ENERGY_MODEL_H
#define CPU_ENERGY_MODEL_H

#include "crypto-agent.h"
#include "ns3-compat.h"

#include "ns3/device-energy-model.h"
#include "ns3/energy-source.h"
#include "ns3/traced-value.h"

namespace ns3
{

/**
 * \ingroup mobisocket
 * \brief Charges a node's energy source for the CPU time of its
 *        cryptographic operations.
 *
 * Attached to the node's CryptoAgent, it draws BusyCurrent while an
 * operation runs and IdleCurrent otherwise, so an operation of duration t
 * costs (BusyCurrent - IdleCurrent) * V * t above the idle floor.
 *
 * ns-3.37's SimpleDeviceEnergyModel changes its current before asking the
 * source to update, so the source bills the elapsed interval at the new
 * current. This model updates the source first, then changes the current,
 * like WifiRadioEnergyModel does.
 */
class CpuEnergyModel : public energy::DeviceEnergyModel
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    CpuEnergyModel();

    /**
     * \brief Bill the operations of a crypto agent.
     * \param agent the node's crypto agent
     */
    void AttachTo(Ptr<CryptoAgent> agent);

    void SetEnergySource(Ptr<energy::EnergySource> source) override;
    double GetTotalEnergyConsumption() const override;
    /**
     * \brief Not used: the model follows the crypto agent.
     * \param newState ignored
     */
    void ChangeState(int newState) override;
    void HandleEnergyDepletion() override;
    void HandleEnergyRecharged() override;
    void HandleEnergyChanged() override;

    /// \return true while an operation runs
    bool IsBusy() const;

  protected:
    void DoDispose() override;

  private:
    double DoGetCurrentA() const override;

    /**
     * \brief An operation was queued on the CPU.
     * \param op the operation
     * \param start when it starts
     * \param duration how long it runs
     */
    void OperationQueued(CryptoAgent::Operation op, Time start, Time duration);

    /**
     * \brief Enter or leave an operation.
     * \param busy true when an operation starts
     */
    void Transition(bool busy);

    Ptr<energy::EnergySource> m_source; //!< the node's energy source
    double m_busyCurrentA;              //!< current while busy
    double m_idleCurrentA;              //!< current while idle
    uint32_t m_running{0};              //!< operations running now
    Time m_lastUpdate;                  //!< last time the energy was accumulated
    TracedValue<double> m_totalEnergy;  //!< "TotalEnergyConsumption", J
};

} // namespace ns3

#endif /* CPU_ENERGY_MODEL_H */
