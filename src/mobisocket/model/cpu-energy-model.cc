/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "cpu-energy-model.h"

#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MobiSocketCpuEnergyModel");

NS_OBJECT_ENSURE_REGISTERED(CpuEnergyModel);

TypeId
CpuEnergyModel::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::CpuEnergyModel")
            .SetParent<energy::DeviceEnergyModel>()
            .SetGroupName("MobiSocket")
            .AddConstructor<CpuEnergyModel>()
            .AddAttribute("BusyCurrent",
                          "Current drawn while a cryptographic operation runs (A).",
                          DoubleValue(0.25),
                          MakeDoubleAccessor(&CpuEnergyModel::m_busyCurrentA),
                          MakeDoubleChecker<double>(0))
            .AddAttribute("IdleCurrent",
                          "Current drawn otherwise (A); 0 bills the operations alone.",
                          DoubleValue(0),
                          MakeDoubleAccessor(&CpuEnergyModel::m_idleCurrentA),
                          MakeDoubleChecker<double>(0))
            .AddTraceSource("TotalEnergyConsumption",
                            "Energy consumed by the CPU so far (J).",
                            MakeTraceSourceAccessor(&CpuEnergyModel::m_totalEnergy),
                            "ns3::TracedValueCallback::Double");
    return tid;
}

CpuEnergyModel::CpuEnergyModel()
    : m_busyCurrentA(0.25),
      m_idleCurrentA(0),
      m_lastUpdate(Seconds(0)),
      m_totalEnergy(0)
{
}

void
CpuEnergyModel::AttachTo(Ptr<CryptoAgent> agent)
{
    agent->TraceConnectWithoutContext("Operation",
                                      MakeCallback(&CpuEnergyModel::OperationQueued, this));
}

void
CpuEnergyModel::SetEnergySource(Ptr<energy::EnergySource> source)
{
    m_source = source;
    m_lastUpdate = Simulator::Now();
}

double
CpuEnergyModel::GetTotalEnergyConsumption() const
{
    double voltage = m_source ? m_source->GetSupplyVoltage() : 0;
    return m_totalEnergy +
           DoGetCurrentA() * voltage * (Simulator::Now() - m_lastUpdate).GetSeconds();
}

void
CpuEnergyModel::ChangeState(int /* newState */)
{
}

void
CpuEnergyModel::HandleEnergyDepletion()
{
    NS_LOG_WARN("battery depleted");
}

void
CpuEnergyModel::HandleEnergyRecharged()
{
}

void
CpuEnergyModel::HandleEnergyChanged()
{
}

bool
CpuEnergyModel::IsBusy() const
{
    return m_running > 0;
}

double
CpuEnergyModel::DoGetCurrentA() const
{
    return m_running > 0 ? m_busyCurrentA : m_idleCurrentA;
}

void
CpuEnergyModel::OperationQueued(CryptoAgent::Operation op, Time start, Time duration)
{
    NS_LOG_FUNCTION(this << op << start << duration);
    Simulator::Schedule(start - Simulator::Now(), &CpuEnergyModel::Transition, this, true);
    Simulator::Schedule(start + duration - Simulator::Now(),
                        &CpuEnergyModel::Transition,
                        this,
                        false);
}

void
CpuEnergyModel::Transition(bool busy)
{
    // Bill the elapsed interval at the current that applied during it, then change.
    if (m_source)
    {
        m_source->UpdateEnergySource();
        Time now = Simulator::Now();
        m_totalEnergy +=
            DoGetCurrentA() * m_source->GetSupplyVoltage() * (now - m_lastUpdate).GetSeconds();
        m_lastUpdate = now;
    }
    if (busy)
    {
        ++m_running;
    }
    else if (m_running > 0)
    {
        --m_running;
    }
}

void
CpuEnergyModel::DoDispose()
{
    m_source = nullptr;
    energy::DeviceEnergyModel::DoDispose();
}

} // namespace ns3
